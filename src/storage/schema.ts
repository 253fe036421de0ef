import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * Table row types. Timestamps are stored as ISO-8601 UTC text (`Date#toISOString()`, fixed width),
 * the same in SQLite and PostgreSQL, so they sort as text and cross both drivers unchanged.
 * Booleans are stored as 0/1 integers for the same reason.
 */

/** Site-wide key/value settings; values are JSON text. */
export interface SettingsTable {
  key: string;
  value: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  display_name: string;
  bio: string;
  created_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  position: number;
}

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'trash';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  body_markdown: string;
  body_html: string;
  author_id: number;
  section_id: number;
  status: ArticleStatus;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  replies_open: number;
  featured_media_id: number | null;
  featured_alt: Generated<string>;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export type ReplyStatus = 'held' | 'approved' | 'spam' | 'trash';

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
}

/** The four newsroom roles, with WordPress's meanings. */
export type Role = 'administrator' | 'editor' | 'author' | 'contributor';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  /** When an administrator disabled this member; null while they may sign in. */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** A failed (or still being checked) sign-in attempt; see accounts' CONTEXT.md. */
export interface SignInFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  /** The known-device id the attempt came with, '' for none. */
  device: Generated<string>;
  created_at: string;
}

/** One row per throttle key, upserted to serialise concurrent attempts on that key. */
export interface SignInLocksTable {
  key: string;
  touched_at: string;
}

export interface AccountTokensTable {
  token_hash: string;
  purpose: 'setup' | 'reset';
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  actor_name: string;
  /** What kind of actor: a signed-in member ('user'), Gazette itself ('system'), or a terminal command ('cli'). */
  actor_kind: Generated<string>;
  action: string;
  subject_type: string;
  subject_id: number;
  reason: string;
  before_json: string;
  after_json: string;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  key: string;
  original_name: string;
  width: number;
  height: number;
  variants_json: string;
  uploaded_by: number | null;
  created_at: string;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  headline: string;
  dek: string;
  slug: string;
  body_markdown: string;
  status: ArticleStatus;
  user_id: number | null;
  user_name: string;
  created_at: string;
}

/** Where a job is in its life. */
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A durable background job (see modules/jobs). */
export interface JobsTable {
  id: Generated<number>;
  /** Which handler runs it, e.g. `mail.reply-notification`. */
  name: string;
  /** The handler's input, as JSON text. */
  payload: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  /** Not before this time (ISO); moved forward by the retry backoff. */
  run_at: string;
  /** The claim that holds it while running, and until when (a lease; expired leases are reclaimed). */
  locked_by: string | null;
  locked_until: string | null;
  last_error: Generated<string>;
  /** Enqueueing twice with the same key makes one job. */
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The database as Kysely sees it. */
export interface Database {
  settings: SettingsTable;
  authors: AuthorsTable;
  sections: SectionsTable;
  articles: ArticlesTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  replies: RepliesTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  sign_in_locks: SignInLocksTable;
  account_tokens: AccountTokensTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  article_revisions: ArticleRevisionsTable;
  jobs: JobsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type ReplyRow = Selectable<RepliesTable>;
export type NewReplyRow = Insertable<RepliesTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type TagRow = Selectable<TagsTable>;
