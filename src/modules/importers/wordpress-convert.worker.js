// Runs inside the WordPress importer's conversion thread (wordpress-conversion.ts): turning post
// HTML into Markdown (wpautop, shortcodes, turndown over a DOM) was the largest single cost on the
// import's main thread, which also reads the file and writes every row. Here a batch of posts is
// converted while the main thread writes the batch before.
// Plain JavaScript, like the Markdown pool's worker: the conversion itself is TypeScript, so this
// file loads it by the address wordpress-conversion.ts gives (compiled `.js` in dist; from
// TypeScript sources, as tests run, through tsx, which is then installed as a dev dependency).
import { workerData } from 'piscina';

const { converterUrl } = workerData;
const { wordpressContentToMarkdown } = converterUrl.endsWith('.ts')
  ? await (await import('tsx/esm/api')).tsImport(converterUrl, import.meta.url)
  : await import(converterUrl);

/**
 * Each post's Markdown and unknown shortcodes, or the reason it cannot be converted (HTML nested
 * so deep the converter runs out of stack: an Invalid on the main thread, a message here).
 */
export default function convertMany({ htmls, siteUrl }) {
  return htmls.map((html) => {
    try {
      return wordpressContentToMarkdown(html, { siteUrl });
    } catch (error) {
      if (error?.code === 'invalid') return { refused: error.message };
      throw error;
    }
  });
}
