import type { Executor } from '../../storage/db.js';
import type { PrivacyRequestsTable } from './privacy.table.js';
import type { Insertable, Selectable } from 'kysely';

/** A request row as read. */
export type PrivacyRequestRow = Selectable<PrivacyRequestsTable>;

/** Records a request; returns its id. */
export async function insertRequest(db: Executor, row: Insertable<PrivacyRequestsTable>): Promise<number> {
  const { id } = await db.insertInto('privacy_requests').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A request by id. */
export function findRequest(db: Executor, id: number): Promise<PrivacyRequestRow | undefined> {
  return db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many requests one sender made since `sinceIso`. */
export async function requestsFromSender(db: Executor, senderHash: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('privacy_requests')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('sender_hash', '=', senderHash)
    .where('created_at', '>', sinceIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many links were mailed to one address since `sinceIso`. */
export async function mailsToAddress(db: Executor, emailHash: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('privacy_requests')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('email_hash', '=', emailHash)
    .where('mailed', '=', 1)
    .where('created_at', '>', sinceIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Spends a live request (an erasure); false when it was spent already (a replay, or a race lost). */
export async function spendRequest(db: Executor, id: number, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('privacy_requests')
    .set({ used_at: nowIso })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids every live link of an address (it was just erased: nothing is left for them to show). */
export async function voidRequestsOf(db: Executor, emailHash: string, nowIso: string): Promise<void> {
  await db
    .updateTable('privacy_requests')
    .set({ used_at: nowIso })
    .where('email_hash', '=', emailHash)
    .where('used_at', 'is', null)
    .execute();
}

/** Forgets requests whose link expired before `beforeIso`; returns how many. */
export async function purgeRequests(db: Executor, beforeIso: string): Promise<number> {
  const result = await db.deleteFrom('privacy_requests').where('expires_at', '<', beforeIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many replies carry this address's keyed hash. */
export async function countReplies(db: Executor, emailHash: string): Promise<number> {
  const row = await db
    .selectFrom('replies')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('author_email_hash', '=', emailHash)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many notification subscriptions this address has (any status). */
export async function countSubscriptions(db: Executor, emailHash: string): Promise<number> {
  const row = await db
    .selectFrom('notify_subscriptions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('email_hash', '=', emailHash)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The newest reply of an address that has a stored (sealed) email: where its verification mail goes. */
export async function newestSealedEmail(db: Executor, emailHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('replies')
    .select('author_email')
    .where('author_email_hash', '=', emailHash)
    .where('author_email', '<>', '')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.author_email;
}

/** An address's replies with everything stored with them, and their articles; oldest first. */
export function repliesOf(db: Executor, emailHash: string) {
  return db
    .selectFrom('replies')
    .innerJoin('articles', 'articles.id', 'replies.article_id')
    .select([
      'replies.id',
      'replies.article_id',
      'replies.parent_id',
      'replies.author_name',
      'replies.author_email',
      'replies.author_url',
      'replies.body',
      'replies.status',
      'replies.created_at',
      'replies.edited_at',
      'replies.moderation_reason',
      'replies.ip',
      'replies.user_agent',
      'articles.slug as article_slug',
      'articles.headline as article_headline',
    ])
    .where('replies.author_email_hash', '=', emailHash)
    .orderBy('replies.created_at')
    .orderBy('replies.id')
    .execute();
}

/** An address's notification subscriptions, with their articles' headlines; oldest first. */
export function subscriptionsOf(db: Executor, emailHash: string) {
  return db
    .selectFrom('notify_subscriptions')
    .innerJoin('articles', 'articles.id', 'notify_subscriptions.article_id')
    .select([
      'notify_subscriptions.id',
      'notify_subscriptions.reply_id',
      'notify_subscriptions.article_id',
      'notify_subscriptions.scope',
      'notify_subscriptions.status',
      'notify_subscriptions.created_at',
      'notify_subscriptions.confirmed_at',
      'notify_subscriptions.ended_at',
      'articles.headline as article_headline',
    ])
    .where('notify_subscriptions.email_hash', '=', emailHash)
    .orderBy('notify_subscriptions.id')
    .execute();
}

/** The id, article and parent of each reply of an address (what an erasure works on). */
export function replyLinksOf(db: Executor, emailHash: string): Promise<{ id: number; article_id: number; parent_id: number | null }[]> {
  return db
    .selectFrom('replies')
    .select(['id', 'article_id', 'parent_id'])
    .where('author_email_hash', '=', emailHash)
    .orderBy('id')
    .execute();
}

/**
 * Anonymises one reply: the text stays, under `name`; the email, website, network address and
 * browser are wiped, and the keyed hash is replaced by `newHash` (random), so the reply no longer
 * counts as anyone's: not for the "known author" rule, not in a sender's history, not for a new
 * request on the privacy page.
 */
export async function anonymiseReply(db: Executor, id: number, name: string, newHash: string): Promise<void> {
  await db
    .updateTable('replies')
    .set({ author_name: name, author_email: '', author_email_hash: newHash, author_url: '', ip: '', user_agent: '' })
    .where('id', '=', id)
    .execute();
}

/** Moves the answers to reply `from` (those not in `except`) under `to` (null: the article). Returns how many. */
export async function moveAnswers(db: Executor, from: number, to: number | null, except: readonly number[]): Promise<number> {
  let query = db.updateTable('replies').set({ parent_id: to }).where('parent_id', '=', from);
  if (except.length > 0) query = query.where('id', 'not in', [...except]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes replies for good (their subscriptions go with them: the foreign key cascades). */
export async function deleteReplies(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('replies')
    .where('id', 'in', [...ids])
    .execute();
}

/** Deletes every notification subscription of an address; returns how many. */
export async function deleteSubscriptions(db: Executor, emailHash: string): Promise<number> {
  const result = await db.deleteFrom('notify_subscriptions').where('email_hash', '=', emailHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Blanks the texts earlier audit entries kept of removed replies (an edit records the text before
 * and after): the reply is gone, so its words do not stay behind in the trail. Who did what, and
 * when, stays.
 */
export async function blankAuditTexts(db: Executor, replyIds: readonly number[]): Promise<void> {
  if (replyIds.length === 0) return;
  await db
    .updateTable('audit_log')
    .set({ before_json: '{"erased":true}', after_json: '{"erased":true}' })
    .where('subject_type', '=', 'reply')
    .where('subject_id', 'in', [...replyIds])
    .where('action', 'in', ['reply.edit', 'reply.delete'])
    .execute();
}
