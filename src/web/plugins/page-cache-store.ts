/** One cached answer: the rendered bytes and the headers that describe them. */
export interface CachedPage {
  readonly body: string | Buffer;
  /**
   * When the page holds a reply form: the bytes after the form's token, `body` being those before
   * it. Each answer is `body` + a fresh token field + `tail`, so no two readers share a token.
   */
  readonly tail?: Buffer;
  readonly etag: string;
  readonly contentType: string;
  readonly cacheControl?: string;
  /** When it was stored (ms since the epoch, from the injected clock). */
  readonly storedAt: number;
}

/** Limits of a page cache. */
export interface PageCacheLimits {
  /** Most entries kept; the least recently used go first. */
  maxEntries: number;
  /** Most bytes of bodies kept. */
  maxBytes: number;
  /** An entry older than this is not served (a safety net for changes no event announces). */
  maxAgeMs: number;
}

const defaults: PageCacheLimits = { maxEntries: 2000, maxBytes: 64 * 1024 * 1024, maxAgeMs: 60_000 };

/**
 * Rendered pages by URL, in memory, least recently used first out. It knows nothing of HTTP or
 * events: the page-cache plugin decides what goes in and when everything goes out.
 *
 * `generation` counts clears. A page rendered from data read before a clear must not be stored
 * after it (it would bring the old content back), so `set` takes the generation seen when the
 * request began and refuses a stale one.
 */
export class PageCacheStore {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private gen = 0;
  private readonly limits: PageCacheLimits;

  constructor(limits: Partial<PageCacheLimits> = {}) {
    this.limits = { ...defaults, ...limits };
  }

  /** Bumped by every `clear()`. */
  get generation(): number {
    return this.gen;
  }

  /** How many pages are cached. */
  get size(): number {
    return this.entries.size;
  }

  /** The page stored under `key`, unless it is missing or older than `maxAgeMs` at `nowMs`. */
  get(key: string, nowMs: number): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.storedAt > this.limits.maxAgeMs) {
      this.remove(key);
      return undefined;
    }
    // Re-insert so Map order stays least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Stores a page rendered during `generation`; a page from before the last clear is refused. */
  set(key: string, page: CachedPage, generation: number): boolean {
    if (generation !== this.gen) return false;
    const size = bytesOf(page.body) + (page.tail?.length ?? 0);
    if (size > this.limits.maxBytes) return false;
    this.remove(key);
    this.entries.set(key, page);
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
    return true;
  }

  /** Drops every page. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.gen += 1;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= bytesOf(entry.body) + (entry.tail?.length ?? 0);
  }
}

function bytesOf(body: string | Buffer): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}
