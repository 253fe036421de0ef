/*
 * Personal data, self-service (issue 13): what a commenter may see of, take away and erase of
 * what the site keeps about their address. Types and rules only; the service does the work.
 */

/**
 * What erasing an address does to its replies (a discussion setting): `anonymise` keeps each
 * reply's text under the name "Anonymous" and wipes everything that points at the person;
 * `remove` deletes the replies, and answers to them by other people move up to the nearest
 * reply that stays (or to the article).
 */
export type ErasureMode = 'anonymise' | 'remove';

/** The erasure modes, in the order the settings page lists them. */
export const erasureModes: readonly ErasureMode[] = ['anonymise', 'remove'];

/** Whether a value names an erasure mode. */
export function isErasureMode(value: unknown): value is ErasureMode {
  return value === 'anonymise' || value === 'remove';
}

/** The name an anonymised reply is shown under. */
export const ANONYMOUS_NAME = 'Anonymous';

/** How long a verification link works: long enough to open a mail, short enough that a forwarded one soon dies. */
export const PRIVACY_LINK_LIFETIME_MS = 3600_000;

/** How long a request's row (two keyed hashes) is kept after its link expired, for the rate limit; then purged. */
export const PRIVACY_REQUEST_KEPT_MS = 24 * 3600_000;

/** The limits of the privacy page, each over the last hour. */
export const privacyLimits = Object.freeze({
  /** Requests from one network address (a refusal beyond it, the same for every address asked about). */
  perSender: 10,
  /** Mails to one address: beyond it the answer stays the same and nothing more is sent. */
  mailsPerAddress: 3,
  windowMs: 3600_000,
});

/** The privacy module's jobs. */
export const privacyJobs = Object.freeze({
  /** Mails the verification link of one request. */
  verify: 'privacy.verify',
});

/** One reply in an address's export: everything stored with it. */
export interface ExportedReply {
  id: number;
  article: { id: number; slug: string; headline: string; url: string };
  /** The reply it answers, when it answers one. */
  parentId: number | null;
  name: string;
  email: string;
  website: string;
  text: string;
  status: string;
  createdAt: string;
  editedAt: string | null;
  /** The moderator's note to the author, '' for none. */
  moderatorNote: string;
  /** The sender's network address and browser, '' once the retention period erased them. */
  ipAddress: string;
  userAgent: string;
}

/** One notification subscription in an address's export. */
export interface ExportedSubscription {
  id: number;
  replyId: number;
  article: { id: number; headline: string };
  scope: string;
  status: string;
  createdAt: string;
  confirmedAt: string | null;
  endedAt: string | null;
}

/** Everything stored about one address: what "Download my data" answers with (as JSON). */
export interface AddressExport {
  format: 'gazette-personal-data/1';
  generatedAt: string;
  site: string;
  /** What each part means and how long it is kept (docs/privacy.md says more). */
  notes: string[];
  replies: ExportedReply[];
  subscriptions: ExportedSubscription[];
}

/** What is stored about an address, counted (the verified page and the desk show it). */
export interface AddressSummary {
  replies: number;
  subscriptions: number;
}

/** What an erasure did. */
export interface ErasureResult {
  mode: ErasureMode;
  /** Replies anonymised or removed. */
  replies: number;
  /** Other people's answers that moved up a level because the reply they answered was removed. */
  answersMoved: number;
  subscriptions: number;
}
