import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ReplyStatus } from './replies.js';

/*
 * The replies module's table, as Kysely sees it (storage/schema.ts composes it into the Database).
 * Stored as storage/schema.ts says: timestamps as ISO-8601 UTC text.
 */

/** A reader's (or a staff member's) reply to an article. */
export interface RepliesTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  /** Keyed hash of the normalised email: matching and avatars use it, never the address. */
  author_email_hash: string;
  author_url: string;
  body: string;
  /** Digest of the folded text (src/lib/reader-text.ts `textFingerprint`): how duplicates are found. */
  body_fingerprint: Generated<string>;
  /** `body` as HTML (reply-text.ts), made when the text is written; '' for rows from before migration 061. */
  body_html: Generated<string>;
  status: ReplyStatus;
  created_at: string;
  /** Sender's address and browser, for flood control and moderation; never shown publicly. */
  ip: string;
  user_agent: string;
  /** Why a moderator held, removed or edited it; shown to the reply's own author. */
  moderation_reason: Generated<string>;
  /** Set when a newsroom member wrote it ("answer as staff"). */
  staff_user_id: number | null;
  edited_at: string | null;
  /** The machine's verdict when the reply came in (moderation module); null for staff answers and imports. Moderators only. */
  decision_status: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the machine decided so (a hold word, a link count, a spam score): moderators only, never its author. */
  decision_reason: Generated<string>;
  /** The judge's score, when it gives one (a spam filter will); null for the rules. */
  decision_score: ColumnType<number | null, number | null | undefined, number | null>;
  /** The fragment an old link used for this reply (`comment-12`), kept by an import; '' for none. */
  legacy_anchor: Generated<string>;
}

/**
 * The reply form tokens already posted once (their nonce), so the same form is not accepted twice;
 * kept until the token would have expired anyway, then purged.
 */
export interface UsedFormTokensTable {
  nonce: string;
  expires_at: string;
}

/** A reply row as read. */
export type ReplyRow = Selectable<RepliesTable>;
/** A reply row to insert. */
export type NewReplyRow = Insertable<RepliesTable>;
