import type { Executor } from '../../storage/db.js';
import type { HeldReplyMail, SubscriptionScope } from './notify.js';

/** A subscription as the notify service reads it. */
export function findSubscription(db: Executor, id: number) {
  return db.selectFrom('notify_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether an address (by its hash) has confirmed a subscription before and not ended it. */
export async function addressIsConfirmed(db: Executor, emailHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('notify_subscriptions')
    .select('id')
    .where('email_hash', '=', emailHash)
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds a subscription for a reply; returns its id. */
export async function insertSubscription(
  db: Executor,
  row: { reply_id: number; article_id: number; email_hash: string; status: 'pending' | 'active'; created_at: string },
): Promise<number> {
  const inserted = await db
    .insertInto('notify_subscriptions')
    .values({ ...row, confirmed_at: row.status === 'active' ? row.created_at : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Confirms a pending subscription with its scope; false when it was not pending (already confirmed, or ended). */
export async function confirmPending(db: Executor, id: number, scope: SubscriptionScope, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('notify_subscriptions')
    .set({ status: 'active', scope, confirmed_at: nowIso })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Confirms the address's other pending subscriptions (its owner just proved it is theirs), for answers only. */
export async function confirmOthersOf(db: Executor, emailHash: string, nowIso: string): Promise<void> {
  await db
    .updateTable('notify_subscriptions')
    .set({ status: 'active', confirmed_at: nowIso })
    .where('email_hash', '=', emailHash)
    .where('status', '=', 'pending')
    .execute();
}

/** Ends every subscription of an address (by hash); returns how many were still going. */
export async function endAllOf(db: Executor, emailHash: string, nowIso: string): Promise<number> {
  const result = await db
    .updateTable('notify_subscriptions')
    .set({ status: 'ended', ended_at: nowIso })
    .where('email_hash', '=', emailHash)
    .where('status', '!=', 'ended')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The active subscriptions that hear of a new reply on an article: those made with the reply it
 * answers (its author's, when they subscribed with it or another reply on the article under the
 * same address), and those that asked for every reply on the article. One per address.
 */
export async function listeners(db: Executor, articleId: number, answeredHash: string | null) {
  const rows = await db
    .selectFrom('notify_subscriptions')
    .select(['id', 'email_hash', 'scope'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'active')
    .where((eb) => {
      const everyReply = eb('scope', '=', 'article');
      return answeredHash === null ? everyReply : eb.or([everyReply, eb('email_hash', '=', answeredHash)]);
    })
    .orderBy('id')
    .execute();
  const byAddress = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!byAddress.has(r.email_hash)) byAddress.set(r.email_hash, r);
  return [...byAddress.values()];
}

/** Each member's held-reply mail choice, for those who made one. */
export async function memberChoices(db: Executor): Promise<Map<number, HeldReplyMail>> {
  const rows = await db.selectFrom('notify_member_settings').select(['user_id', 'held_replies']).execute();
  return new Map(rows.map((r) => [r.user_id, r.held_replies]));
}

/** Sets a member's held-reply mail choice. */
export async function setMemberChoice(db: Executor, userId: number, choice: HeldReplyMail): Promise<void> {
  await db
    .insertInto('notify_member_settings')
    .values({ user_id: userId, held_replies: choice })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ held_replies: choice }))
    .execute();
}
