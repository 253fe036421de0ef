// A WordPress post body (`content:encoded` in a WXR export) as Gazette Markdown. WordPress keeps
// the body half-made: the classic editor leaves paragraphs to be added on display, the block editor
// wraps each block in `<!-- wp:... -->` comments, and both may hold shortcodes. Those WordPress parts
// are handled here, in order, and the HTML that results goes to turndown (wordpress-markdown.ts).

import { Invalid } from '../../lib/errors.js';
import { addParagraphs, linkBareUrls, protectPreformatted } from './wordpress-autop.js';
import { createWordpressTurndown } from './wordpress-markdown.js';
import { expandShortcodes } from './wordpress-shortcodes.js';

/** How to read one post. */
export interface WordpressContentOptions {
  /** The old site's address (`https://old.example`): links and images under it become paths (`/2019/05/x/`). */
  siteUrl?: string;
}

/** Gazette Markdown, and the names of the shortcodes kept as text because nothing here understands them. */
export interface WordpressContent {
  markdown: string;
  unknownShortcodes: string[];
}

/**
 * Removes every HTML comment: block-editor delimiters (`<!-- wp:image {"id":5} -->`), `<!--more-->`,
 * `<!--nextpage-->`. An unclosed `<!--` hides the rest of the text, as it would in a browser.
 * One pass with indexOf: a lazy regular expression would rescan the tail for each unclosed `<!--`.
 */
function removeComments(html: string): string {
  let output = '';
  let copied = 0;
  for (let at = html.indexOf('<!--'); at !== -1; at = html.indexOf('<!--', copied)) {
    output += html.slice(copied, at);
    const end = html.indexOf('-->', at + 4);
    copied = end === -1 ? html.length : end + 3;
  }
  return output + html.slice(copied);
}

/** WordPress's own test for block-editor content (`has_blocks`); such content has its paragraphs already. */
const blockDelimiter = /<!--\s+wp:/;

/**
 * WordPress post HTML (classic or block editor) as Gazette Markdown, with what was not understood noted.
 * Throws Invalid for HTML nested so deep (thousands of levels) that the converter runs out of stack.
 */
export function wordpressContentToMarkdown(html: string, options: WordpressContentOptions = {}): WordpressContent {
  // NUL is not allowed in HTML and marks protected <pre> blocks below.
  const source = html.replace(/\u0000/g, '');
  const isBlockEditor = blockDelimiter.test(source);
  const { text, restore } = protectPreformatted(removeComments(source));
  const { text: expanded, unknown } = expandShortcodes(text);
  // Block content has its paragraphs, but text between blocks (a shortcode block, a freeform
  // block) is bare: WordPress runs wpautop on those, so runs of bare text still become paragraphs.
  const shaped = isBlockEditor ? addParagraphs(expanded, { lineBreaks: false }) : addParagraphs(linkBareUrls(expanded));
  let markdown: string;
  try {
    markdown = createWordpressTurndown(options.siteUrl).turndown(restore(shaped));
  } catch (error) {
    if (error instanceof RangeError)
      throw new Invalid('This post’s HTML is nested too deeply to convert (thousands of elements inside each other).');
    throw error;
  }
  return { markdown, unknownShortcodes: unknown };
}
