import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The signed tokens in notification mails' links: `v1.<purpose>.<subscription id>.<expiry>.<MAC>`
 * (numbers in base 36, the MAC HMAC-SHA-256 in base64url), signed with a key derived from the site
 * secret. They carry a subscription's number, never an address; what a link may still do is
 * decided by the subscription's row (a confirmed one is not confirmed again, an ended one not
 * revived), so a replayed link changes nothing.
 */

/** What a link is for: confirming a subscription, or ending every subscription of its address. */
export type LinkPurpose = 'confirm' | 'unsubscribe';

/** How a token reads. */
export type LinkReading = { status: 'ok'; subscriptionId: number } | { status: 'forged' | 'expired' };

const code: Record<LinkPurpose, string> = { confirm: 'c', unsubscribe: 'u' };
const shape = /^v1\.([cu])\.([0-9a-z]{1,11})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: derived, so these MACs never double as form tokens or email fingerprints. */
export function notifyLinkKey(siteSecret: string): Buffer {
  return createHmac('sha256', siteSecret).update('gazette notification link v1').digest();
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** Signs a link token; `expiresAt` null: it never expires (unsubscribe links must keep working, RFC 8058). */
export function signLink(key: Buffer, purpose: LinkPurpose, subscriptionId: number, expiresAt: Date | null): string {
  const payload = `v1.${code[purpose]}.${subscriptionId.toString(36)}.${(expiresAt?.getTime() ?? 0).toString(36)}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** Reads a token for `purpose` at `now`: forged when malformed, for another purpose or its MAC fails. */
export function readLink(key: Buffer, purpose: LinkPurpose, token: unknown, now: Date): LinkReading {
  if (typeof token !== 'string') return { status: 'forged' };
  const match = shape.exec(token.trim());
  if (!match) return { status: 'forged' };
  const [, kind, id, expiry, signature] = match as unknown as [string, string, string, string, string];
  if (kind !== code[purpose]) return { status: 'forged' };
  const expected = mac(key, `v1.${kind}.${id}.${expiry}`);
  const given = Buffer.from(signature, 'base64url');
  // Constant time, so a MAC cannot be found byte by byte from response times.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forged' };
  const subscriptionId = parseInt(id, 36);
  const expiresMs = parseInt(expiry, 36);
  if (!Number.isSafeInteger(subscriptionId) || subscriptionId <= 0 || !Number.isSafeInteger(expiresMs)) return { status: 'forged' };
  if (expiresMs !== 0 && expiresMs < now.getTime()) return { status: 'expired' };
  return { status: 'ok', subscriptionId };
}
