import { publicArticleStatuses } from '../articles/index.js';
import type { Executor } from '../../storage/db.js';
import { compiledStatement } from '../../storage/compiled-statements.js';
import { rowStatements } from '../../storage/row-statements.js';
import type { ReplyStatus } from './replies.js';
import type { NewReplyRow, ReplyRow } from './replies.table.js';
import type { Reply, ReplyCursor } from './replies.js';

const publicColumns = [
  'replies.id',
  'replies.article_id',
  'replies.parent_id',
  'replies.author_name',
  'replies.author_url',
  'replies.author_email_hash',
  'replies.body',
  'replies.body_html',
  'replies.status',
  'replies.created_at',
  'replies.staff_user_id',
  'replies.moderation_reason',
  'replies.legacy_anchor',
  'replies.decision_status',
] as const;

/** A reply row without the sender's email, address or browser: exactly the columns listed above. */
export type PublicReplyRow = Pick<ReplyRow, (typeof publicColumns)[number] extends `replies.${infer Column}` ? Column : never>;

/** Inserts a reply and returns its id. */
export async function insertReply(db: Executor, row: NewReplyRow): Promise<number> {
  const { id } = await db.insertInto('replies').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A reply row with every column set, as an import writes it (the shape `insertReplies` binds). */
export type FullReplyRow = Required<Omit<NewReplyRow, 'id'>>;

/** The columns of a {@link FullReplyRow}; the type below fails to compile when the table gains one this list lacks. */
const fullReplyColumns = [
  'article_id',
  'parent_id',
  'author_name',
  'author_email',
  'author_email_hash',
  'author_url',
  'body',
  'body_fingerprint',
  'body_html',
  'status',
  'created_at',
  'ip',
  'user_agent',
  'legacy_anchor',
  'moderation_reason',
  'edited_at',
  'staff_user_id',
  'decision_status',
  'decision_reason',
  'decision_score',
] as const satisfies readonly (keyof FullReplyRow)[];
type EveryColumnListed = Exclude<keyof FullReplyRow, (typeof fullReplyColumns)[number]> extends never ? true : never;
const everyColumnListed: EveryColumnListed = true;
void everyColumnListed;

/** What only the desk or an import sets; a reader's post leaves them to their defaults. */
const notSetByReaders = ['legacy_anchor', 'moderation_reason', 'edited_at', 'staff_user_id'] as const;
type ReaderReplyColumn = Exclude<(typeof fullReplyColumns)[number], (typeof notSetByReaders)[number]>;
const readerReplyColumns = fullReplyColumns.filter((c): c is ReaderReplyColumn => !(notSetByReaders as readonly string[]).includes(c));

/** A reader's reply as the reply form stores it. */
export type ReaderReplyRow = Pick<FullReplyRow, ReaderReplyColumn>;

const readerReplyInsert = compiledStatement((db, row: ReaderReplyRow) =>
  db
    .insertInto('replies')
    .values(Object.fromEntries(readerReplyColumns.map((column) => [column, row[column]])) as ReaderReplyRow)
    .returning('id'),
);

/** Inserts a reader's reply (every reader's post: compiled once) and returns its id. */
export async function insertReaderReply(db: Executor, row: ReaderReplyRow): Promise<number> {
  return (await readerReplyInsert.first(db, row))!.id;
}

/** At most 100 replies a statement: 20 values each stays well under both dialects' limits on bound values. */
const replyInserts = rowStatements<FullReplyRow, { id: number }>({
  columns: fullReplyColumns,
  maxRows: 100,
  build: (db, rows) => db.insertInto('replies').values(rows).returning('id'),
});

/**
 * Inserts many replies in a few statements compiled once (storage/row-statements.ts); their ids in
 * the order of `rows`. RETURNING promises no order, but ids are handed out in the order the rows are
 * inserted (SQLite: one past the largest; PostgreSQL: the sequence, row by row), and the statements
 * run one after another, so ascending ids follow the rows.
 */
export async function insertReplies(db: Executor, rows: readonly FullReplyRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await replyInserts.run(db, rows);
  return inserted.map((r) => r.id).sort((a, b) => a - b);
}

/** A reply's stored (sealed) author email, or undefined when there is no such reply. */
export async function findAuthorEmail(db: Executor, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('replies').select('author_email').where('id', '=', id).executeTakeFirst();
  return row?.author_email;
}

/** Whether the article exists, whatever its status (an import attaches replies to drafts too). */
export async function articleExists(db: Executor, articleId: number): Promise<boolean> {
  return (await db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst()) !== undefined;
}

/** Rewrites an imported reply in place (a second run of its import); false when there is none. */
export async function replaceImported(db: Executor, id: number, row: NewReplyRow): Promise<boolean> {
  const result = await db.updateTable('replies').set(row).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const replyById = compiledStatement((db, p: { id: number }) => db.selectFrom('replies').select(publicColumns).where('id', '=', p.id));

/** A reply by id. */
export function findReply(db: Executor, id: number): Promise<PublicReplyRow | undefined> {
  return replyById.first(db, { id });
}

/**
 * An article's approved replies plus those in `alsoIds` (the viewer's own) that are held or were
 * removed, so their author sees where they stand and the moderator's reason; oldest first.
 */
export function listForArticle(db: Executor, articleId: number, alsoIds: readonly number[]): Promise<PublicReplyRow[]> {
  return db
    .selectFrom('replies')
    .select(publicColumns)
    .where('article_id', '=', articleId)
    .where((eb) =>
      alsoIds.length > 0
        ? eb.or([eb('status', '=', 'approved'), eb.and([eb('status', 'in', ['held', 'spam', 'trash']), eb('id', 'in', [...alsoIds])])])
        : eb('status', '=', 'approved'),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/*
 * A reader's post asks the look-ups below (compiled once: compiled-statements.ts). Each has one
 * text per shape: a top-level reply's duplicate is looked for under no parent (`is null`), an
 * answer's under its parent; flood control looks at the address only when there is one.
 */

interface SenderKey {
  emailHash: string;
  authorName: string;
}

/**
 * Whether this name and email (by keyed hash) already have an approved reply written by a reader.
 * Staff answers are stored under the member's name and email hash; they must not make that
 * identity "known" to the public form, or anyone typing an editor's name and address would skip
 * moderation.
 */
export async function hasApprovedReply(db: Executor, emailHash: string, authorName: string): Promise<boolean> {
  return (await approvedReplyBy.first(db, { emailHash, authorName })) !== undefined;
}

function approvedByReader(db: Executor, p: SenderKey) {
  return db
    .selectFrom('replies')
    .select('id')
    .where('author_email_hash', '=', p.emailHash)
    .where('author_name', '=', p.authorName)
    .where('status', '=', 'approved')
    .where('staff_user_id', 'is', null)
    .limit(1);
}

const approvedReplyBy = compiledStatement(approvedByReader);

interface RecentSender {
  emailHash: string;
  ip: string;
  sinceIso: string;
}

const postedSinceBy = {
  email: compiledStatement((db, p: Omit<RecentSender, 'ip'>) =>
    db.selectFrom('replies').select('id').where('created_at', '>', p.sinceIso).where('author_email_hash', '=', p.emailHash).limit(1),
  ),
  emailOrAddress: compiledStatement((db, p: RecentSender) =>
    db
      .selectFrom('replies')
      .select('id')
      .where('created_at', '>', p.sinceIso)
      .where((eb) => eb.or([eb('author_email_hash', '=', p.emailHash), eb('ip', '=', p.ip)]))
      .limit(1),
  ),
};

/** Whether the same sender (address or email) posted since `sinceIso`. */
export async function postedSince(db: Executor, ip: string, emailHash: string, sinceIso: string): Promise<boolean> {
  const row = ip
    ? await postedSinceBy.emailOrAddress.first(db, { ip, emailHash, sinceIso })
    : await postedSinceBy.email.first(db, { emailHash, sinceIso });
  return row !== undefined;
}

interface PostedText extends SenderKey {
  articleId: number;
  parentId: number | null;
  bodyFingerprint: string;
}

/**
 * Whether this sender (keyed email hash) already said the same under the same parent of the same
 * article: "the same" by the folded text's fingerprint, so case, spacing, zero-width characters
 * or full-width letters do not make a copy new.
 */
function sameReply(db: Executor, p: PostedText, under: 'article' | 'parent') {
  return db
    .selectFrom('replies')
    .select('id')
    .where('article_id', '=', p.articleId)
    .where((eb) => (under === 'article' ? eb('parent_id', 'is', null) : eb('parent_id', '=', p.parentId)))
    .where('author_email_hash', '=', p.emailHash)
    .where('body_fingerprint', '=', p.bodyFingerprint)
    .where('status', '!=', 'trash')
    .limit(1);
}

function duplicateAndKnownStatement(under: 'article' | 'parent') {
  return compiledStatement((db, p: PostedText) =>
    db.selectNoFrom((eb) => [eb.exists(sameReply(db, p, under)).as('duplicate'), eb.exists(approvedByReader(db, p)).as('known')]),
  );
}

const duplicateAndKnownUnder = { article: duplicateAndKnownStatement('article'), parent: duplicateAndKnownStatement('parent') };

/**
 * Whether the sender already said the same (`sameReply`) and whether they are a known author
 * (`hasApprovedReply`), in one statement: a reader's post asks both, and on
 * PostgreSQL each statement is a round trip inside the batch's transaction.
 */
export async function duplicateAndKnown(db: Executor, reply: PostedText): Promise<{ duplicate: boolean; known: boolean }> {
  const row = await duplicateAndKnownUnder[reply.parentId === null ? 'article' : 'parent'].first(db, reply);
  // SQLite answers 0 or 1, PostgreSQL true or false.
  return { duplicate: Boolean(row!.duplicate), known: Boolean(row!.known) };
}

/** A line of the moderation list. */
export type ReplyListRow = PublicReplyRow & { article_slug: string };

/** Replies with a status, newest first. */
export function listByStatus(db: Executor, status: ReplyStatus, limit: number): Promise<ReplyListRow[]> {
  return db
    .selectFrom('replies')
    .innerJoin('articles', 'articles.id', 'replies.article_id')
    .select([...publicColumns, 'articles.slug as article_slug'])
    .where('replies.status', '=', status)
    .orderBy('replies.created_at', 'desc')
    .orderBy('replies.id', 'desc')
    .limit(limit)
    .execute();
}

/** A line of the site's replies feed: the reply and the story it answers. */
export type SiteReplyRow = PublicReplyRow & { article_slug: string; article_headline: string };

/**
 * The newest approved replies across the site, on stories readers can see at `nowIso` (standing
 * pages are never fed, so their replies are not either).
 */
export function recentApprovedOnPublicStories(db: Executor, nowIso: string, limit: number): Promise<SiteReplyRow[]> {
  return db
    .selectFrom('replies')
    .innerJoin('articles', 'articles.id', 'replies.article_id')
    .select([...publicColumns, 'articles.slug as article_slug', 'articles.headline as article_headline'])
    .where('replies.status', '=', 'approved')
    .where('articles.status', 'in', [...publicArticleStatuses])
    .where('articles.published_at', '<=', nowIso)
    .where('articles.kind', '=', 'article')
    .orderBy('replies.created_at', 'desc')
    .orderBy('replies.id', 'desc')
    .limit(limit)
    .execute();
}

/** Where the given replies stand: what a status change compares against and audits. */
export type StatusRow = Pick<ReplyRow, 'id' | 'article_id' | 'status' | 'moderation_reason'>;

/** The status rows of the given replies (missing ids are left out). */
export function findStatusRows(db: Executor, ids: readonly number[]): Promise<StatusRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('replies')
    .select(['id', 'article_id', 'status', 'moderation_reason'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** Sets the status of the given replies, and the moderator's note when one is given. */
export async function updateStatus(db: Executor, ids: readonly number[], status: ReplyStatus, note?: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('replies')
    .set(note === undefined ? { status } : { status, moderation_reason: note })
    .where('id', 'in', [...ids])
    .execute();
}

/** Up to `limit` approved replies of an article after `after`, oldest first (keyset paging: no offset to skip). */
export function approvedPageForArticle(db: Executor, articleId: number, limit: number, after?: ReplyCursor): Promise<PublicReplyRow[]> {
  let query = db.selectFrom('replies').select(publicColumns).where('article_id', '=', articleId).where('status', '=', 'approved');
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)])]),
    );
  }
  return query.orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** Row → domain reply. */
export function toReply(row: PublicReplyRow): Reply {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorUrl: row.author_url,
    authorFingerprint: row.author_email_hash,
    body: row.body,
    bodyHtml: row.body_html,
    status: row.status,
    createdAt: new Date(row.created_at),
    staff: row.staff_user_id !== null,
    moderationReason: row.moderation_reason,
    legacyAnchor: row.legacy_anchor,
    caughtAsSpam: row.status === 'spam' && row.decision_status === 'spam',
  };
}

/**
 * Records a form token's nonce as used; false when it already was (a replay). `ON CONFLICT DO
 * NOTHING`, not a caught error: on PostgreSQL a failed insert would abort the post's transaction.
 */
export async function useFormNonce(db: Executor, nonce: string, expiresAt: string): Promise<boolean> {
  return (await formNonceUse.first(db, { nonce, expiresAt })) !== undefined;
}

const formNonceUse = compiledStatement((db, p: { nonce: string; expiresAt: string }) =>
  db
    .insertInto('used_form_tokens')
    .values({ nonce: p.nonce, expires_at: p.expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce'),
);

/** Forgets used form tokens that expired before `before`; returns how many. */
export async function purgeUsedFormTokens(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('used_form_tokens').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Erases the sender's address and browser of replies written before `beforeIso` (the retention
 * setting); returns how many replies it cleared. Flood control looks only seconds back, so it never needs them.
 */
export async function eraseSenderDetailsBefore(db: Executor, beforeIso: string): Promise<number> {
  const result = await db
    .updateTable('replies')
    .set({ ip: '', user_agent: '' })
    .where('created_at', '<', beforeIso)
    .where((eb) => eb.or([eb('ip', '<>', ''), eb('user_agent', '<>', '')]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A page of replies that have an email, in id order after `afterId` (key rotation). */
export function sealedEmailsPage(db: Executor, afterId: number, limit: number): Promise<{ id: number; author_email: string }[]> {
  return db
    .selectFrom('replies')
    .select(['id', 'author_email'])
    .where('id', '>', afterId)
    .where('author_email', '<>', '')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Stores a reply's re-sealed email. */
export async function setSealedEmail(db: Executor, id: number, sealed: string): Promise<void> {
  await db.updateTable('replies').set({ author_email: sealed }).where('id', '=', id).execute();
}
