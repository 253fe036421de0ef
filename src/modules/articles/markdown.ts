import { MessageChannel } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { InvalidFields, Unavailable } from '../../lib/errors.js';
import { projectRoot } from '../../lib/project-root.js';

/** The longest article body accepted, in characters: far beyond a long read (20,000 words is about 120,000). */
export const ARTICLE_BODY_LIMIT = 500_000;

/** Tags a newsroom's articles use; everything else (scripts, styles, frames, forms) is removed. */
// prettier-ignore
const allowedTags = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'cite', 'q', 'figure', 'figcaption',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'em', 'b', 'i', 's', 'del', 'ins', 'sub', 'sup', 'small',
  'mark', 'abbr', 'code', 'pre', 'kbd', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
];

/**
 * What rendering does, as plain data handed to the worker threads: GitHub-flavoured Markdown, then
 * an allow-list sanitiser, so even an author's (or an importer's) raw HTML cannot carry script,
 * event handlers or `javascript:` links.
 */
const renderOptions = {
  marked: { gfm: true, breaks: false },
  sanitize: {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      abbr: ['title'],
      th: ['scope', 'colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      blockquote: ['cite'],
      code: ['class'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
  },
};

/** Turns an article's Markdown into the HTML readers get, off the event loop and within a time limit. */
export interface MarkdownRenderer {
  /**
   * The sanitised HTML for `markdown`. Refuses (InvalidFields on `body`, a 422) a text over
   * {@link ARTICLE_BODY_LIMIT} or one that takes longer than the time limit to format, and
   * (Unavailable, a 503) when the pool's queue is full.
   */
  render(markdown: string): Promise<string>;
  close(): Promise<void>;
}

/** How the pool is sized and timed. */
export interface MarkdownRendererOptions {
  /** How long one text may take once a thread starts on it (default 5 s: a 500,000-character article takes under 1 s). */
  timeLimitMs?: number;
  /** Threads working at once (default 2: this is editors' work, not readers'). */
  maxThreads?: number;
  /** Texts waiting for a thread before more are refused (default 32). */
  maxQueue?: number;
}

function bodyProblem(message: string): InvalidFields {
  return new InvalidFields([{ field: 'body', message }]);
}

/** A renderer over a pool of worker threads, started lazily: no thread runs until the first text. */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const timeLimitMs = options.timeLimitMs ?? 5_000;
  const pool = new Piscina({
    filename: pathToFileURL(join(projectRoot(import.meta.url), 'src', 'modules', 'articles', 'markdown.worker.js')).href,
    workerData: renderOptions,
    minThreads: 0,
    maxThreads: options.maxThreads ?? 2,
    maxQueue: options.maxQueue ?? 32,
    idleTimeout: 60_000,
    // A text that makes the parsers build a huge tree ends its own thread, not the server.
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  const advice =
    'Long runs of * or _ that never close, or quotes and lists nested hundreds of levels deep, are the usual cause: close or remove them and try again.';
  const seconds = timeLimitMs / 1000;
  const tooSlow = `This text takes too long to format (over ${seconds} second${seconds === 1 ? '' : 's'}). ${advice}`;
  const tooComplex = `This text is too complex to format. ${advice}`;

  return {
    async render(markdown) {
      if (markdown.length > ARTICLE_BODY_LIMIT) {
        throw bodyProblem(
          `The article is too long: ${markdown.length.toLocaleString('en-US')} characters, the limit is ${ARTICLE_BODY_LIMIT.toLocaleString('en-US')}.`,
        );
      }
      if (!markdown.trim()) return '';
      // The clock starts when a thread picks the text up, not while it waits behind another one.
      const { port1, port2 } = new MessageChannel();
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      port1.once('message', () => {
        timer = setTimeout(() => abort.abort(), timeLimitMs);
      });
      try {
        return (await pool.run({ markdown, started: port2 }, { transferList: [port2], signal: abort.signal })) as string;
      } catch (error) {
        if (abort.signal.aborted) throw bodyProblem(tooSlow);
        if (error instanceof Error && /queue is at limit/i.test(error.message)) {
          throw new Unavailable('The newsroom is formatting many articles at once. Try again in a moment; your text is kept.');
        }
        // The parsers ran out of stack (deep nesting) or of the thread's memory.
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw bodyProblem(tooComplex);
        throw error;
      } finally {
        clearTimeout(timer);
        port1.close();
      }
    },
    close: () => pool.destroy(),
  };
}
