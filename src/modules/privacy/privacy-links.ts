import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The verification link of the privacy page: `p1.<request id>.<expiry>.<MAC>` (numbers in base 36,
 * the MAC HMAC-SHA-256 in base64url) signed with a key derived from the site secret. It names a
 * request, never an address; the request's row says whether the link is still good (expired,
 * spent by an erasure), so the token alone grants nothing a replay could reuse.
 */

/** How a token reads. */
export type PrivacyLinkReading = { status: 'ok'; requestId: number } | { status: 'forged' | 'expired' };

const shape = /^p1\.([0-9a-z]{1,11})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: derived for this purpose only, so these MACs never double as another link's. */
export function privacyLinkKey(siteSecret: string): Buffer {
  return createHmac('sha256', siteSecret).update('gazette privacy link v1').digest();
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** Signs the token of request `requestId`, good until `expiresAt`. */
export function signPrivacyLink(key: Buffer, requestId: number, expiresAt: Date): string {
  const payload = `p1.${requestId.toString(36)}.${expiresAt.getTime().toString(36)}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** Reads a token at `now`: forged when malformed or its MAC fails, expired past its time. */
export function readPrivacyLink(key: Buffer, token: unknown, now: Date): PrivacyLinkReading {
  if (typeof token !== 'string') return { status: 'forged' };
  const match = shape.exec(token.trim());
  if (!match) return { status: 'forged' };
  const [, id, expiry, signature] = match as unknown as [string, string, string, string];
  const expected = mac(key, `p1.${id}.${expiry}`);
  const given = Buffer.from(signature, 'base64url');
  // Constant time: a MAC cannot be found byte by byte from response times.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forged' };
  const requestId = parseInt(id, 36);
  const expiresMs = parseInt(expiry, 36);
  if (!Number.isSafeInteger(requestId) || requestId <= 0 || requestId > 2_147_483_647 || !Number.isSafeInteger(expiresMs)) {
    return { status: 'forged' };
  }
  if (expiresMs < now.getTime()) return { status: 'expired' };
  return { status: 'ok', requestId };
}
