import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { Clock } from '../../lib/clock.js';
import type { CachedPage, PageCacheStore } from './page-cache-store.js';
import { personalCookie } from './page-cache.js';
import { PreformattedHead } from './preformatted-head.js';

/** What the fast path needs: the store the page-cache plugin fills, and what a hit must do first. */
export interface FastPathOptions {
  store: PageCacheStore;
  clock: Clock;
  /** Looks for other processes' changes (SQLite's data_version) before a lookup, as the plugin does. */
  poll(): void;
  /** A fresh reply form token field, for a page stored split at its form (a view of its batch's bytes: form-token-supply.ts). */
  formField?(): Buffer;
}

/**
 * Answers a plain cache hit before Fastify routes, validates or decorates anything, and says
 * whether it did. A hit costs a map lookup and one write of a head and body stored together
 * (security headers included, page-cache.ts `headOf`, made one string once: preformatted-head.ts),
 * which is what brings a cached page near a bare `node:http` server (issue 12). Anything that could need more goes on to Fastify unchanged:
 * a method other than GET, a query string (its route decides which parameters matter), a
 * Gazette cookie (the reader may see their own held reply or name), a conditional request (the
 * 304 is Fastify's), and every miss, which Fastify renders and the plugin stores.
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const { store, clock, formField } = options;
  const poll = oncePerTurn(options.poll);
  return (req, res, server) => {
    if (req.method !== 'GET') return false;
    const url = req.url;
    if (url === undefined || url.includes('?') || url.includes('%')) return false;
    const headers = req.headers;
    if (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
    const cookie = headers.cookie;
    if (cookie !== undefined && personalCookie.test(cookie)) return false;
    poll();
    // A miss is counted by the plugin, when Fastify looks again.
    const page = store.get(url, clock.now().getTime(), { countMiss: false });
    if (!page?.head) return false;
    const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
    // Every part a buffer, corked into one writev: copying the page around its token cost more than the write.
    res.cork();
    if (!page.tail || !formField) {
      const head = headOf(page).start(res, server, body.length);
      if (head) res.write(head);
      res.end(body);
    } else {
      // The field is a slice of a batch minted ahead: a token made for each hit cost a quarter of its CPU.
      const field = formField();
      const head = headOf(page).start(res, server, body.length + field.length + page.tail.length);
      if (head) res.write(head);
      res.write(body);
      res.write(field);
      res.end(page.tail);
    }
    res.uncork();
    return true;
  };
}

/**
 * `poll`, run at most once per turn of the event loop (and again after a millisecond): the hits
 * one turn answers were all read from sockets the kernel reported ready as that turn began, before
 * any commit that ended during it, so one look at SQLite's `data_version` serves them all. A
 * request sent after another process's commit ended — `gazette replies approve`, then a reload —
 * is read in a later turn and still sees it on the very next answer; under load the look, about
 * 1.4 µs, is no longer paid per hit. The millisecond bounds a turn that reads very many sockets.
 */
export function oncePerTurn(poll: () => void, now: () => number = Date.now): () => void {
  let polledAt: number | undefined;
  const nextTurn = () => {
    polledAt = undefined;
  };
  return () => {
    const at = now();
    if (polledAt !== undefined && at - polledAt < 1) return;
    if (polledAt === undefined) setImmediate(nextTurn);
    polledAt = at;
    poll();
  };
}

/** Answers a plain cache hit itself and says so, or says Fastify must answer. */
export type FastPath = (req: IncomingMessage, res: ServerResponse, server: Server) => boolean;

/** Each stored page's head, prepared on its first hit. */
const heads = new WeakMap<CachedPage, PreformattedHead>();

function headOf(page: CachedPage): PreformattedHead {
  let made = heads.get(page);
  if (made === undefined) {
    made = new PreformattedHead(page.head!);
    heads.set(page, made);
  }
  return made;
}

/**
 * Fastify's `serverFactory`: the HTTP server Fastify would make (same limits, same timeouts),
 * with the fast path in front of Fastify's own handler.
 */
export function serverWithFastPath(
  fastPath: FastPath,
): (
  handler: RequestListener,
  options: { http?: ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number },
) => Server {
  return (handler, options) => {
    const server = createServer(options.http ?? {}, (req, res) => {
      if (!fastPath(req, res, server)) handler(req, res);
    });
    // What Fastify sets on a server it makes itself (fastify/lib/server.js getServerInstance).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    return server;
  };
}
