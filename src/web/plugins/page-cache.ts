import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock.js';
import type { DomainEvent, DomainEvents } from '../../lib/events.js';
import { PageCacheStore, type CachedPage } from './page-cache-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The stored public pages (page-cache-store.ts). */
    readonly pageCache: PageCacheStore;
  }
  interface FastifyContextConfig {
    /**
     * The query parameters this page's content depends on, each with a function giving its
     * canonical value (undefined: as if absent). Only these make a page its own cache entry; any
     * other parameter (`?utm_source=…`, `?x=123`) is answered from the same entry. A route with a
     * querystring schema but no `cacheQuery` is not cached when a query is present.
     */
    cacheQuery?: Readonly<Record<string, (value: string) => string | undefined>>;
  }
  interface FastifyReply {
    /**
     * Says what this page shows (`pageTags.article(id)`, `pageTags.replies`), so a change drops it
     * and nothing else. A page that never says is dropped by every change; `[]`: by none but a
     * whole-site change (article edits, settings, imports).
     */
    cacheTags(tags: Iterable<string>): FastifyReply;
  }
}

/** The invalidation tags pages carry (see `reply.cacheTags`). */
export const pageTags = {
  /** The page shows article `id` or its replies (its own page, its reply feed, a listing with it). */
  article: (id: number) => `article:${id}`,
  /** The page shows replies from across the site (the site-wide reply feed). */
  replies: 'replies',
} as const;

/** What `Cache-Control` tells shared caches (CDNs, proxies) about public pages; 0 seconds: nothing. */
export interface SharedCachePolicy {
  /** `s-maxage`: how long a shared cache may serve a page without asking. */
  maxAgeSeconds: number;
  /** `stale-while-revalidate`: how long after that it may serve the old copy while it fetches a new one. */
  staleSeconds: number;
}

/** The `Cache-Control` of a cacheable public page under `policy`, or undefined to leave the route's own. */
export function sharedCacheControl(policy: SharedCachePolicy | undefined): string | undefined {
  if (!policy || policy.maxAgeSeconds <= 0) return undefined;
  // max-age=0: browsers still revalidate every time (the ETag makes that a 304); only shared caches hold the page.
  const stale = policy.staleSeconds > 0 ? `, stale-while-revalidate=${policy.staleSeconds}` : '';
  return `public, max-age=0, s-maxage=${policy.maxAgeSeconds}${stale}`;
}

/** What the page cache needs. */
export interface PageCacheOptions {
  events: DomainEvents;
  clock: Clock;
  /** The link to the site's other processes, whose events arrive on `events`. */
  relay: {
    /** Starts hearing them (idempotent); the cache is only right once it does. */
    start(): Promise<void>;
    /** Looks for changes made elsewhere that nobody announced (SQLite); called before each lookup. */
    poll(): void;
  };
  store?: PageCacheStore;
  /** Where a page wants a fresh reply form token, and the field that goes there (form-tokens.ts). */
  formToken?: { marker: string; fieldBytes(): Buffer };
  /** `Cache-Control` for shared caches (SHARED_CACHE_SECONDS); none by default. */
  sharedCache?: SharedCachePolicy;
}

/**
 * Every cookie Gazette sets is named with this prefix (the reader's pending replies and remembered
 * name today, a signed-in session tomorrow). A request carrying any of them may see something
 * personal, so it neither reads nor fills the shared cache.
 */
export const personalCookie = /(?:^|;\s*)gazette[_-]/i;

/** Never cached whatever they answer: the API, the newsroom's pages, the assets (which have their own caching). */
const uncachedPaths = /^\/(?:api|admin|assets|account|sign-?in|login|logout)(?:[/?]|$)/;

/** What may be cached: public pages and feeds. JSON API answers and everything else go fresh. */
const cacheableType = /^(?:text\/html|application\/(?:rss\+xml|atom\+xml|feed\+json|xml)|text\/xml)\b/i;

/**
 * What an event drops: nothing (a held reply shows only to its author, who bypasses the cache),
 * the pages showing some articles' replies, or everything (an article's change can move it onto
 * or off any listing; settings shape every page; a gap in what other nodes told us hides anything).
 */
export function invalidationOf(event: DomainEvent): 'nothing' | 'everything' | readonly string[] {
  switch (event.type) {
    case 'reply.posted':
      return event.status === 'approved' ? [pageTags.article(event.articleId), pageTags.replies] : 'nothing';
    case 'reply.status-changed':
      return [...new Set(event.articleIds)].map(pageTags.article).concat(pageTags.replies);
    default:
      return 'everything';
  }
}

/** Headers a stored page never carries into a hit: its length varies with the token, and the cache sets its own. */
const unstoredHeaders = new Set([
  'content-length',
  'set-cookie',
  'x-cache',
  'etag',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
]);

/** A stored page's headers as `writeHead` takes them, worked out once (CachedPage.head). */
function headOf(reply: FastifyReply, etag: string): string[] {
  const head: string[] = [];
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || unstoredHeaders.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) head.push(name, String(v));
  }
  head.push('etag', etag, 'x-cache', 'hit');
  return head;
}

function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function matchesIfNoneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  // RFC 9110 §13.1.2: weak comparison, a list of tags, or "*".
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

type CacheState = { kind: 'hit' } | { kind: 'miss'; key: string; generation: number };

/**
 * The cache key of a request: its path (percent-escapes of ordinary characters decoded, so
 * `/articles/%64emo` is `/articles/demo`) and the canonical values of the query parameters its
 * route declares, sorted. Undefined when the request must not be cached. Keying on the raw URL
 * let anyone force a full render per made-up query string, and fill the cache with copies.
 */
export function cacheKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.url;
  const q = raw.indexOf('?');
  const rawPath = q === -1 ? raw : raw.slice(0, q);
  let path: string;
  try {
    path = decodeURI(rawPath);
  } catch {
    return undefined;
  }
  if (q === -1 || q === raw.length - 1) return path;
  const declared = request.routeOptions.config?.cacheQuery;
  if (!declared) return request.routeOptions.schema?.querystring ? undefined : path;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  for (const name of Object.keys(declared).sort()) {
    const value = query[name];
    const canonical = typeof value === 'string' ? declared[name]!(value) : undefined;
    if (canonical !== undefined) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(canonical)}`);
  }
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

/**
 * The page cache: public GET pages and feeds rendered once and served from memory with an ETag
 * (a matching `If-None-Match` gets 304), until a domain event says something changed. Plain hits
 * are answered before Fastify sees the request (page-cache-fast-path.ts); these hooks answer the
 * rest (a query string, HEAD, a conditional request) and store the misses.
 *
 * Invalidation (`invalidationOf`): a reply approved, or moderated, on article A drops the pages
 * tagged with A (its page in every variant, its reply feed, the listings and feeds showing it),
 * the site-wide reply feed, and any page that never said what it shows; nothing else. Any other
 * change (an article, settings, an import) drops every page. Events from other nodes arrive
 * through the relay; a relay that reconnected after a gap, or another process's commit to a
 * SQLite file, drops everything too. Entries also expire after a minute, for changes no event
 * announces (replies closing with age).
 *
 * A page with a reply form is stored split where the form's signed token goes, and every answer
 * gets a fresh token: one baked into the copy would be shared by all its readers (a replay) and
 * carry the time of the cache, not of the reader's visit.
 *
 * Personal bits stay out: requests carrying a Gazette cookie bypass the cache both ways,
 * responses that set a cookie or say `private`/`no-store` are never stored, and only 200 answers
 * to GET are.
 */
const pageCachePlugin: FastifyPluginAsync<PageCacheOptions> = async (app, options) => {
  const store = options.store ?? new PageCacheStore();
  app.decorate('pageCache', store);
  const { clock, formToken } = options;
  const marker = formToken ? Buffer.from(formToken.marker) : undefined;
  const state = new WeakMap<FastifyRequest, CacheState>();
  const tagsOf = new WeakMap<FastifyReply, string[]>();
  const cacheControlOverride = sharedCacheControl(options.sharedCache);
  app.decorateReply('cacheTags', function (this: FastifyReply, tags: Iterable<string>) {
    tagsOf.set(this, [...(tagsOf.get(this) ?? []), ...tags]);
    return this;
  });

  const unsubscribe = options.events.subscribe((event) => {
    const drop = invalidationOf(event);
    if (drop === 'everything') store.clear();
    else if (drop !== 'nothing') store.invalidate(drop);
  });
  app.addHook('onClose', async () => unsubscribe());
  app.addHook('onReady', () => options.relay.start());

  function serve(request: FastifyRequest, reply: FastifyReply, page: CachedPage) {
    state.set(request, { kind: 'hit' });
    reply.header('etag', page.etag).header('x-cache', 'hit').header('content-type', page.contentType);
    if (page.cacheControl) reply.header('cache-control', page.cacheControl);
    // A 304 keeps the reader's copy, and the token it was served with (fresh within a day).
    if (matchesIfNoneMatch(request, page.etag)) return reply.code(304).send();
    if (page.tail && formToken) return reply.code(200).send(Buffer.concat([page.body as Buffer, formToken.fieldBytes(), page.tail]));
    return reply.code(200).send(page.body);
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (uncachedPaths.test(request.url)) return;
    if (personalCookie.test(request.headers.cookie ?? '')) {
      reply.header('x-cache', 'bypass');
      return;
    }
    const key = cacheKeyOf(request);
    if (key === undefined) return;
    options.relay.poll();
    const page = store.get(key, clock.now().getTime());
    if (page) return serve(request, reply, page);
    if (request.method === 'GET') state.set(request, { kind: 'miss', key, generation: store.generation });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const s = state.get(request);
    if (s?.kind !== 'miss') return payload;
    if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!cacheableType.test(contentType)) return payload;
    const routeCacheControl = reply.getHeader('cache-control');
    if (/\b(?:private|no-store)\b/i.test(String(routeCacheControl ?? ''))) return payload;
    if (cacheControlOverride) reply.header('cache-control', cacheControlOverride);
    const cacheControl = cacheControlOverride ?? routeCacheControl;

    // Stored encoded, so a hit sends bytes without turning a string into UTF-8 again; split once
    // here at the form's token, so a hit only joins three buffers. Encoded once: the ETag hashes
    // these bytes and this answer sends them (a page of 1,000 replies is over half a megabyte).
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    // The ETag is of the stored page, token marker and all: the same for every reader of this copy.
    const etag = etagOf(bytes);
    const at = marker && /^text\/html\b/i.test(contentType) ? bytes.lastIndexOf(marker) : -1;
    store.set(
      s.key,
      {
        ...(at === -1 ? { body: bytes } : { body: bytes.subarray(0, at), tail: bytes.subarray(at + marker!.length) }),
        etag,
        contentType,
        ...(cacheControl ? { cacheControl: String(cacheControl) } : {}),
        head: headOf(reply, etag),
        ...(tagsOf.has(reply) ? { tags: tagsOf.get(reply)! } : {}),
        storedAt: clock.now().getTime(),
      },
      s.generation,
    );
    reply.header('etag', etag).header('x-cache', 'miss');
    if (matchesIfNoneMatch(request, etag)) {
      reply.code(304);
      return '';
    }
    return bytes;
  });
};

/** The page cache, for the whole app. */
export const pageCache = fp(pageCachePlugin, { fastify: '5.x', name: 'gazette-page-cache' });
