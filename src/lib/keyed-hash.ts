import { createHmac } from 'node:crypto';

/**
 * The mailbox an address reaches, for telling senders apart: trimmed, NFKC, lower-cased, and
 * without a `+tag` sub-address (RFC 5233: `ada+news@example.org` reaches `ada@example.org`), so a
 * tag cannot make one sender look like many to flood control or the duplicate check. Not a
 * member's sign-in address, which is kept as typed but for case (accounts' `normaliseEmail`).
 */
export function mailboxOf(email: string): string {
  const address = email.trim().normalize('NFKC').toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${address.slice(at)}` : address;
}

/**
 * A keyed hash (HMAC-SHA-256) of a normalised email address. Replies are matched on it (the
 * "author has an approved reply" rule, flood control, duplicates) and avatars are drawn from it,
 * so a published value can never be turned back into the address by hashing guesses, as
 * Gravatar's unkeyed hashes can.
 */
export function emailFingerprint(secret: string, email: string): string {
  return createHmac('sha256', secret).update(mailboxOf(email)).digest('hex');
}
