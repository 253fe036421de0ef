import type { Generated } from 'kysely';

/**
 * One request made on the privacy page (storage/schema.ts composes it into the Database). Holds
 * keyed hashes only: of the address asked about, and of the sender's network address (the rate
 * limit). What a mailed link may still do is decided here: `expires_at`, and `used_at` once an
 * erasure spent it.
 */
export interface PrivacyRequestsTable {
  id: Generated<number>;
  /** The keyed hash of the address asked about (as `replies.author_email_hash`). */
  email_hash: string;
  /** A keyed hash of the sender's network address: how many requests one sender made lately. */
  sender_hash: string;
  /** 1 when something was stored for the address and a link was queued; 0 otherwise. */
  mailed: Generated<number>;
  created_at: string;
  expires_at: string;
  /** When an erasure spent the link (or another erasure of the address voided it); null while live. */
  used_at: string | null;
}
