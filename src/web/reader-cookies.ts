import type { FastifyReply, FastifyRequest } from 'fastify';
import { secureCookies } from './plugins/security-headers.js';

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

function cookieOptions(request: FastifyRequest, maxAge: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(request), maxAge };
}

/** The remembered name, email and website, if the reader asked to be remembered. */
export function readRememberedCommenter(request: FastifyRequest): RememberedCommenter | undefined {
  const raw = request.cookies[REMEMBER];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<RememberedCommenter>;
    return { author: String(value.author ?? ''), email: String(value.email ?? ''), url: String(value.url ?? '') };
  } catch {
    return undefined;
  }
}

/** Remembers the commenter when they consented, forgets them when they did not. */
export function rememberCommenter(request: FastifyRequest, reply: FastifyReply, consent: boolean, who: RememberedCommenter): void {
  if (consent) reply.setCookie(REMEMBER, JSON.stringify(who), cookieOptions(request, YEAR));
  else if (request.cookies[REMEMBER]) reply.clearCookie(REMEMBER, { path: '/' });
}

/** Ids of this browser's own replies awaiting moderation (signature checked). */
export function readPendingReplyIds(request: FastifyRequest): number[] {
  const raw = request.cookies[PENDING];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value
    .split('.')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** Adds a reply to this browser's list of its own held replies. */
export function addPendingReplyId(request: FastifyRequest, reply: FastifyReply, id: number): void {
  const ids = [...readPendingReplyIds(request).filter((n) => n !== id), id].slice(-MAX_PENDING);
  reply.setCookie(PENDING, ids.join('.'), { ...cookieOptions(request, 30 * 24 * 3600), signed: true });
}
