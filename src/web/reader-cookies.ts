import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { secureCookies } from './plugins/security-headers.js';
import { isRowId } from '../lib/row-id.js';

/*
 * The two personal things a reader's browser keeps for Gazette:
 * - their name, email and website, only when they tick "Save my name…" (the consent checkbox);
 * - a signed list of their own replies still awaiting moderation, so they (and nobody else) see them.
 * Both are personal bits that must stay out of any shared page cache.
 */

const REMEMBER = 'gazette_commenter';
const PENDING = 'gazette_pending';
const YEAR = 365 * 24 * 3600;
const MAX_PENDING = 20;

/** A remembered commenter. */
export interface RememberedCommenter {
  author: string;
  email: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The remembered name, email and website, if the reader asked to be remembered. */
    rememberedCommenter(): RememberedCommenter | undefined;
    /** Ids of this browser's own replies awaiting moderation (signature checked). */
    pendingReplyIds(): number[];
  }
  interface FastifyReply {
    /** Remembers the commenter when they consented, forgets them when they did not. */
    rememberCommenter(consent: boolean, who: RememberedCommenter): void;
    /** Adds a reply to this browser's list of its own held replies. */
    addPendingReplyId(id: number): void;
  }
}

/** The reader cookies take no options: their names and lifetimes are fixed, `Secure` follows the site. */
export type ReaderCookiesOptions = Record<never, never>;

function cookieOptions(request: FastifyRequest, maxAge: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(request), maxAge };
}

function rememberedCommenter(this: FastifyRequest): RememberedCommenter | undefined {
  const raw = this.cookies[REMEMBER];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<RememberedCommenter>;
    return { author: String(value.author ?? ''), email: String(value.email ?? ''), url: String(value.url ?? '') };
  } catch {
    return undefined;
  }
}

function pendingReplyIds(this: FastifyRequest): number[] {
  const raw = this.cookies[PENDING];
  if (!raw) return [];
  const unsigned = this.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value.split('.').map(Number).filter(isRowId);
}

function rememberCommenter(this: FastifyReply, consent: boolean, who: RememberedCommenter): void {
  if (consent) this.setCookie(REMEMBER, JSON.stringify(who), cookieOptions(this.request, YEAR));
  else if (this.request.cookies[REMEMBER]) this.clearCookie(REMEMBER, { path: '/' });
}

function addPendingReplyId(this: FastifyReply, id: number): void {
  const ids = [...this.request.pendingReplyIds().filter((n) => n !== id), id].slice(-MAX_PENDING);
  this.setCookie(PENDING, ids.join('.'), { ...cookieOptions(this.request, 30 * 24 * 3600), signed: true });
}

const readerCookiesPlugin: FastifyPluginAsync<ReaderCookiesOptions> = async (app) => {
  app.decorateRequest('rememberedCommenter', rememberedCommenter);
  app.decorateRequest('pendingReplyIds', pendingReplyIds);
  app.decorateReply('rememberCommenter', rememberCommenter);
  app.decorateReply('addPendingReplyId', addPendingReplyId);
};

/** The reader's cookies as request and reply decorators; needs @fastify/cookie and the security headers (for `Secure`). */
export const readerCookies = fp(readerCookiesPlugin, {
  fastify: '5.x',
  name: 'gazette-reader-cookies',
  dependencies: ['@fastify/cookie', 'gazette-security-headers'],
});
