// Runs inside a worker thread of the Markdown pool (markdown.ts), never on the server's event loop:
// marked is quadratic on unclosed emphasis and sanitize-html on unbalanced closing tags, so one
// text can keep a thread busy for minutes. Here that costs this thread only, and the pool ends the
// thread when the time limit passes. Plain JavaScript on purpose: the same file serves the
// compiled server and the tests that run from TypeScript sources, with no loader in the thread.
// The options come from markdown.ts, the one place that says what articles may contain.
import { Marked } from 'marked';
import { markedSmartypants } from 'marked-smartypants';
import { workerData } from 'piscina';
import sanitizeHtml from 'sanitize-html';
import { linkCardExtension } from './link-cards.js';

// Typographic quotes, apostrophes and dashes (SmartyPants skips code spans and blocks), and a
// link alone on a line drawn as a card.
const marked = new Marked(workerData.marked, markedSmartypants(), linkCardExtension);

/** An uploaded image's address: /media/<key>/<file>. */
const ownMedia = /^\/media\/([0-9a-f]{24})\/[^/]+$/;

/**
 * Gives an uploaded image in the text its sizes (`images`, looked up by markdown.ts's caller), so
 * the browser picks the file its screen needs and keeps the image's space before it loads.
 */
function withSizes(images) {
  return (tagName, attribs) => {
    const image = images[ownMedia.exec(attribs.src ?? '')?.[1] ?? ''];
    if (!image) return { tagName, attribs };
    return {
      tagName,
      attribs: {
        ...attribs,
        srcset: image.srcset,
        sizes: workerData.inlineImageSizes,
        width: String(image.width),
        height: String(image.height),
        loading: 'lazy',
        decoding: 'async',
      },
    };
  };
}

/** Markdown to sanitised HTML; tells the pool through `started` when the work begins (its clock starts then). */
export default function render({ markdown, started, images }) {
  started.postMessage('started');
  started.close();
  return toHtml(markdown, images);
}

/** Many texts in one task (an import's batch); a text too deep for the parsers' stack answers null, the rest go on. */
export function renderMany({ markdowns, started }) {
  started.postMessage('started');
  started.close();
  return markdowns.map((markdown) => {
    try {
      return toHtml(markdown);
    } catch (error) {
      if (error instanceof RangeError) return null;
      throw error;
    }
  });
}

function toHtml(markdown, images) {
  const options = images ? { ...workerData.sanitize, transformTags: { img: withSizes(images) } } : workerData.sanitize;
  return sanitizeHtml(marked.parse(markdown, { async: false }), options);
}
