import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { ANONYMOUS_NAME, type ErasureMode, type ErasureResult } from './privacy.js';
import * as q from './privacy.queries.js';

/** Replies deleted per statement. */
const DELETE_BATCH = 500;

/** What an erasure did, and the replies it touched (whose pages the caller drops after the commit). */
export interface Erased {
  result: ErasureResult;
  touched: { id: number; article_id: number }[];
}

/**
 * Erases the address of `emailHash` inside `trx` (the caller's transaction, so it happens whole or
 * not at all): its subscriptions, its replies (anonymised or removed by `mode`), its live privacy
 * links, and one audit entry naming no address: a short prefix of its keyed hash, and counts.
 */
export async function eraseAddress(
  trx: Transaction<Database>,
  emailHash: string,
  how: { mode: ErasureMode; actor: AuditActor; reason: string; at: Date },
): Promise<Erased> {
  const { mode, at } = how;
  const replies = await q.replyLinksOf(trx, emailHash);
  // First, while the replies still hold them (a removed reply's subscriptions would go with it unseen).
  const subscriptions = await q.deleteSubscriptions(trx, emailHash);
  let answersMoved = 0;
  if (mode === 'anonymise') {
    // A random hash of the same shape: the reply belongs to nobody, and still draws an avatar.
    for (const r of replies) await q.anonymiseReply(trx, r.id, ANONYMOUS_NAME, randomBytes(32).toString('hex'));
  } else {
    const parentOf = new Map(replies.map((r) => [r.id, r.parent_id]));
    const ids = replies.map((r) => r.id);
    for (const r of replies) {
      // Other people's answers climb to the nearest reply that stays (or to the article), so a
      // thread keeps its shape around the gap.
      let target = r.parent_id;
      const seen = new Set<number>([r.id]);
      while (target !== null && parentOf.has(target) && !seen.has(target)) {
        seen.add(target);
        target = parentOf.get(target) ?? null;
      }
      if (target !== null && parentOf.has(target)) target = null;
      answersMoved += await q.moveAnswers(trx, r.id, target, ids);
    }
    await q.blankAuditTexts(trx, ids);
    for (let i = 0; i < ids.length; i += DELETE_BATCH) await q.deleteReplies(trx, ids.slice(i, i + DELETE_BATCH));
  }
  await q.voidRequestsOf(trx, emailHash, at.toISOString());
  const result: ErasureResult = { mode, replies: replies.length, answersMoved, subscriptions };
  await recordAudit(trx, {
    actor: how.actor,
    action: 'privacy.erase',
    subject: { type: 'address', id: 0 },
    reason: how.reason,
    // Never the address: a prefix of its keyed hash tells one erasure from another, and counts say how much.
    before: { address: emailHash.slice(0, 16), replies: replies.length, subscriptions },
    after: result,
    at,
  });
  return { result, touched: replies };
}
