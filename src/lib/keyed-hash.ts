import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA-256) of a normalised email address. Replies are matched on it (the
 * "author has an approved reply" rule) and avatars are drawn from it, so a published value can never
 * be turned back into the address by hashing guesses, as Gravatar's unkeyed hashes can.
 */
export function emailFingerprint(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('hex');
}
