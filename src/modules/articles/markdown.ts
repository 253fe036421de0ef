import { MessageChannel } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
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
  'span',
];

/** How wide an image in the text is drawn: the article's measure (site.css `.story-body`), or the screen. */
const inlineImageSizes = '(min-width: 46rem) 42rem, 100vw';

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
      img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'srcset', 'sizes', 'decoding'],
      abbr: ['title'],
      th: ['scope', 'colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      blockquote: ['cite'],
      code: ['class'],
      figure: ['class'],
      span: ['class'],
    },
    // Only the link card's own classes (link-cards.js); an author's other classes are dropped.
    allowedClasses: { figure: ['link-card'], span: ['link-card-kind', 'link-card-title', 'link-card-host'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
  },
  inlineImageSizes,
};

/** An uploaded image used in a text, by its key: what its `<img>` gets (see markdown.worker.js). */
export interface InlineImage {
  /** `srcset` of its files, e.g. "/media/k/480.webp 480w, …". */
  srcset: string;
  width: number;
  height: number;
}

/** Turns an article's Markdown into the HTML readers get, off the event loop and within a time limit. */
export interface MarkdownRenderer {
  /**
   * The sanitised HTML for `markdown`. Refuses (InvalidFields on `body`, a 422) a text over
   * {@link ARTICLE_BODY_LIMIT} or one that takes longer than the time limit to format, and
   * (Unavailable, a 503) when the pool's queue is full. `images` gives the uploaded images the
   * text uses (by key) their `srcset`, `width` and `height`.
   */
  render(markdown: string, images?: Record<string, InlineImage>): Promise<string>;
  /**
   * Many texts in one worker task (an import's batch): each answer is its HTML or the error
   * `render` would have given it. Never rejects. Sending one task instead of one per text saves
   * the main thread most of the hand-over cost (about 1 ms a text, measured on an import).
   */
  renderMany(markdowns: readonly string[]): Promise<(string | Error)[]>;
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
  /**
   * Each thread's young generation, in MB (default: V8's, up to 48 MB a thread). A smaller one
   * collects garbage more often and keeps the thread's memory lower (an import's CLI, issue 9).
   */
  youngGenerationMb?: number;
}

function bodyProblem(message: string): InvalidFields {
  return new InvalidFields([{ field: 'body', message }]);
}

/** A renderer over a pool of worker threads, started lazily: no thread runs until the first text. */
export function createMarkdownRenderer(options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const timeLimitMs = options.timeLimitMs ?? 5_000;
  // piscina and its pool load with the first text: a reader's page never formats Markdown (issue 12, "Footprint").
  let pool: Promise<Piscina> | undefined;
  const thePool = (): Promise<Piscina> =>
    (pool ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: pathToFileURL(join(projectRoot(import.meta.url), 'src', 'modules', 'articles', 'markdown.worker.js')).href,
          workerData: renderOptions,
          minThreads: 0,
          maxThreads: options.maxThreads ?? 2,
          maxQueue: options.maxQueue ?? 32,
          idleTimeout: 60_000,
          // A text that makes the parsers build a huge tree ends its own thread, not the server.
          resourceLimits: {
            maxOldGenerationSizeMb: 256,
            ...(options.youngGenerationMb ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : {}),
          },
        }),
    ));
  const advice =
    'Long runs of * or _ that never close, or quotes and lists nested hundreds of levels deep, are the usual cause: close or remove them and try again.';
  const seconds = timeLimitMs / 1000;
  const tooSlow = `This text takes too long to format (over ${seconds} second${seconds === 1 ? '' : 's'}). ${advice}`;
  const tooComplex = `This text is too complex to format. ${advice}`;

  const tooLong = (markdown: string) =>
    bodyProblem(
      `The article is too long: ${markdown.length.toLocaleString('en-US')} characters, the limit is ${ARTICLE_BODY_LIMIT.toLocaleString('en-US')}.`,
    );

  /** Runs one task in the pool; the clock starts when a thread picks it up, not while it waits behind another one. */
  async function timed<T>(task: Record<string, unknown>, name: string): Promise<T> {
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => abort.abort(), timeLimitMs);
    });
    try {
      return (await (await thePool()).run({ ...task, started: port2 }, { name, transferList: [port2], signal: abort.signal })) as T;
    } catch (error) {
      if (abort.signal.aborted) throw bodyProblem(tooSlow);
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  const renderer: MarkdownRenderer = {
    async render(markdown, images) {
      if (markdown.length > ARTICLE_BODY_LIMIT) throw tooLong(markdown);
      if (!markdown.trim()) return '';
      try {
        return await timed<string>({ markdown, images }, 'default');
      } catch (error) {
        if (error instanceof InvalidFields) throw error;
        if (error instanceof Error && /queue is at limit/i.test(error.message)) {
          throw new Unavailable('The newsroom is formatting many articles at once. Try again in a moment; your text is kept.');
        }
        // The parsers ran out of stack (deep nesting) or of the thread's memory.
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw bodyProblem(tooComplex);
        throw error;
      }
    },

    async renderMany(markdowns) {
      const answers: (string | Error | undefined)[] = markdowns.map((m) =>
        m.length > ARTICLE_BODY_LIMIT ? tooLong(m) : m.trim() ? undefined : '',
      );
      const todo = markdowns.flatMap((m, i) => (answers[i] === undefined ? [i] : []));
      if (todo.length === 0) return answers as (string | Error)[];
      try {
        // The whole batch shares one time limit: a batch of ordinary articles takes a small part of it.
        const html = await timed<(string | null)[]>({ markdowns: todo.map((i) => markdowns[i]) }, 'renderMany');
        todo.forEach((at, k) => (answers[at] = html[k] ?? bodyProblem(tooComplex)));
      } catch {
        // Too slow together, or a text that ended its thread: each text again on its own, with its own
        // limit and message, one after another (the pool's queue is short).
        for (const at of todo) answers[at] = await renderer.render(markdowns[at]!).catch((error: Error) => error);
      }
      return answers as (string | Error)[];
    },
    close: async () => (pool ? (await pool).destroy() : undefined),
  };
  return renderer;
}

/** Finds the uploaded images a text uses (by key), with what their `<img>` gets. */
export type InlineImageLookup = (markdown: string) => Promise<Record<string, InlineImage>>;

/**
 * A renderer that first looks up the uploaded images the text uses, so they render with their
 * sizes. The lookup runs on this thread (it reads the database); the formatting stays in the pool.
 */
export function withInlineImages(renderer: MarkdownRenderer, lookup: InlineImageLookup): MarkdownRenderer {
  const sized: MarkdownRenderer = {
    async render(markdown, images) {
      if (markdown.length > ARTICLE_BODY_LIMIT) return renderer.render(markdown);
      return renderer.render(markdown, { ...(await lookup(markdown)), ...images });
    },
    async renderMany(markdowns) {
      // An import's batch rarely holds this site's own uploads (a WordPress export has none): those
      // that do are formatted one by one, with their images' sizes.
      if (!markdowns.some((m) => m.includes('/media/'))) return renderer.renderMany(markdowns);
      const answers: (string | Error)[] = [];
      for (const markdown of markdowns) answers.push(await sized.render(markdown).catch((error: Error) => error));
      return answers;
    },
    close: () => renderer.close(),
  };
  return sized;
}
