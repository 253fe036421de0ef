import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomBytesPool } from './random-bytes-pool.js';

/*
 * The reply form's signed token: when the form was served and a random nonce, signed with a key
 * derived from the site secret. It proves a post comes from a form this site served, says how long
 * the reader had it, and (the nonce, remembered once used) that it is not posted a second time.
 * Written `v1.<issued ms, base36>.<nonce, base64url>.<HMAC-SHA-256, base64url>`.
 */

/** What a token says once its signature checks out. */
export interface FormTokenClaims {
  issuedAt: Date;
  nonce: string;
}

/** How a posted token reads: its claims, or why there are none. */
export type FormTokenReading = { status: 'ok'; claims: FormTokenClaims } | { status: 'missing' | 'forged' };

const VERSION = 'v1';
const shape = /^v1\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: derived, so a token's MAC never doubles as an email fingerprint or a cookie signature. */
export function formTokenKey(siteSecret: string): Buffer {
  return createHmac('sha256', siteSecret).update('gazette reply form token v1').digest();
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

const NONCE_BYTES = 16;
/** A cached page gets a token per answer: one call to the random source per nonce showed in the profile. */
const nonceBytes = randomBytesPool(NONCE_BYTES);

function freshNonce(): string {
  return nonceBytes().toString('base64url');
}

/** Signs a token for a form served at `issuedAt`; a fresh random nonce unless one is given (tests). */
export function signFormToken(key: Buffer, issuedAt: Date, nonce = freshNonce()): string {
  const payload = `${VERSION}.${issuedAt.getTime().toString(36)}.${nonce}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** Reads a posted token: `missing` when absent or empty, `forged` when malformed or its signature does not match. */
export function readFormToken(key: Buffer, token: unknown): FormTokenReading {
  if (typeof token !== 'string' || token.trim() === '') return { status: 'missing' };
  const match = shape.exec(token.trim());
  if (!match) return { status: 'forged' };
  const [, issued, nonce, signature] = match as unknown as [string, string, string, string];
  const expected = mac(key, `${VERSION}.${issued}.${nonce}`);
  const given = Buffer.from(signature, 'base64url');
  // Compared in constant time, so the signature cannot be guessed byte by byte from timings.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forged' };
  const ms = parseInt(issued, 36);
  if (!Number.isSafeInteger(ms)) return { status: 'forged' };
  return { status: 'ok', claims: { issuedAt: new Date(ms), nonce } };
}
