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
  /**
   * Every header of a hit but its length, as `[name, value, name, value…]` (security headers,
   * type, ETag, Cache-Control): worked out once when the page is stored, so the fast path
   * (page-cache-fast-path.ts) answers a hit with one `writeHead` and one write.
   */
  readonly head?: readonly string[];
  /**
   * What the page shows, as invalidation tags (`article:12`, `replies`): a change to one of them
   * drops it. Undefined: the page may show anything, and any change drops it.
   */
  readonly tags?: readonly string[];
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

/** How the cache has done since it started: hits, misses, and pages stored and dropped. */
export interface PageCacheStats {
  hits: number;
  misses: number;
  stored: number;
  dropped: number;
}

const defaults: PageCacheLimits = { maxEntries: 2000, maxBytes: 64 * 1024 * 1024, maxAgeMs: 60_000 };

/**
 * Rendered pages by URL, in memory, least recently used first out. It knows nothing of HTTP or
 * events: the page-cache plugin decides what goes in and what goes out when.
 *
 * `generation` counts invalidations. A page rendered from data read before one must not be
 * stored after it (it would bring the old content back), so `set` takes the generation seen when
 * the request began and refuses the page when everything, or one of the page's tags, was
 * invalidated since.
 */
export class PageCacheStore {
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private gen = 0;
  /** The generation of the last `clear()`. */
  private clearedAt = 0;
  /** The generation at which each tag was last invalidated (as many as there are articles, at most). */
  private readonly tagInvalidatedAt = new Map<string, number>();
  private readonly limits: PageCacheLimits;
  /** Counters for benchmarks and operators; never read to make a decision. */
  readonly stats: PageCacheStats = { hits: 0, misses: 0, stored: 0, dropped: 0 };

  constructor(limits: Partial<PageCacheLimits> = {}) {
    this.limits = { ...defaults, ...limits };
  }

  /** Bumped by every `clear()` and `invalidate()`. */
  get generation(): number {
    return this.gen;
  }

  /** How many pages are cached. */
  get size(): number {
    return this.entries.size;
  }

  /** The page stored under `key`, unless it is missing or older than `maxAgeMs` at `nowMs`. Counts a hit or a miss. */
  get(key: string, nowMs: number, { countMiss = true } = {}): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry || nowMs - entry.storedAt > this.limits.maxAgeMs) {
      if (entry) this.remove(key);
      if (countMiss) this.stats.misses += 1;
      return undefined;
    }
    // Re-insert so Map order stays least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits += 1;
    return entry;
  }

  /** Stores a page rendered during `generation`; refused if what it shows was invalidated since. */
  set(key: string, page: CachedPage, generation: number): boolean {
    if (this.staleSince(page, generation)) return false;
    const size = sizeOf(page);
    if (size > this.limits.maxBytes) return false;
    this.remove(key);
    this.entries.set(key, page);
    this.bytes += size;
    this.stats.stored += 1;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
    return true;
  }

  /** Drops every page. */
  clear(): void {
    this.stats.dropped += this.entries.size;
    this.entries.clear();
    this.bytes = 0;
    this.gen += 1;
    this.clearedAt = this.gen;
    this.tagInvalidatedAt.clear();
  }

  /** Drops the pages tagged with any of `tags`, and the pages without tags (they may show anything). */
  invalidate(tags: readonly string[]): void {
    this.gen += 1;
    for (const tag of tags) this.tagInvalidatedAt.set(tag, this.gen);
    const wanted = new Set(tags);
    for (const [key, page] of this.entries) {
      if (!page.tags || page.tags.some((t) => wanted.has(t))) {
        this.remove(key);
        this.stats.dropped += 1;
      }
    }
  }

  private staleSince(page: CachedPage, generation: number): boolean {
    if (generation === this.gen) return false;
    if (!page.tags || this.clearedAt > generation) return true;
    return page.tags.some((t) => (this.tagInvalidatedAt.get(t) ?? 0) > generation);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }
}

function sizeOf(page: CachedPage): number {
  const body = typeof page.body === 'string' ? Buffer.byteLength(page.body) : page.body.length;
  return body + (page.tail?.length ?? 0);
}
