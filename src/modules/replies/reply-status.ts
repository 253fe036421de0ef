import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { DomainEvents } from '../../lib/events.js';
import type { Database } from '../../storage/schema.js';
import type { ReplyStatus } from './replies.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import * as q from './replies.queries.js';
import type { ReplyFollowUps } from './reply-follow-ups.js';

/** The audit verb of each status a reply can be moved to (`reply.approve`, …). */
const verbOf: Record<ReplyStatus, string> = { approved: 'approve', held: 'hold', spam: 'spam', trash: 'trash' };

/** What a status change records besides the new status. */
export interface StatusChangeOptions {
  /** The moderator's note to the reply's author; when given it replaces the stored one. */
  note?: string;
  /** Why, for the audit trail only (defaults to the note). */
  auditReason?: string;
}

/**
 * Moves replies to a status inside the caller's transaction and writes one audit entry per reply
 * that changed (those already there, with the same note, are left alone). Returns the rows that
 * changed; the caller publishes `reply.status-changed` for them after its commit.
 */
export async function moveRepliesInTransaction(
  trx: Transaction<Database>,
  rows: readonly q.StatusRow[],
  status: ReplyStatus,
  actor: AuditActor,
  at: Date,
  options: StatusChangeOptions = {},
): Promise<q.StatusRow[]> {
  const { note } = options;
  const moving = rows.filter((r) => r.status !== status || (note !== undefined && r.moderation_reason !== note));
  await q.updateStatus(
    trx,
    moving.map((r) => r.id),
    status,
    note,
  );
  for (const r of moving) {
    await recordAudit(trx, {
      actor,
      action: `reply.${verbOf[status]}`,
      subject: { type: 'reply', id: r.id },
      reason: options.auditReason ?? note ?? '',
      before: note === undefined ? { status: r.status } : { status: r.status, reason: r.moderation_reason },
      after: note === undefined ? { status } : { status, reason: note },
      at,
    });
  }
  return moving;
}

/** Announces a status change once it is committed (page caches drop the articles' pages). */
export function publishStatusChanged(
  events: DomainEvents,
  changed: readonly Pick<q.StatusRow, 'id' | 'article_id'>[],
  status: string,
): void {
  if (changed.length === 0) return;
  events.publish({
    type: 'reply.status-changed',
    articleIds: [...new Set(changed.map((c) => c.article_id))],
    replyIds: changed.map((c) => c.id),
    status,
  });
}

/**
 * The one way a reply's status changes (the desk, `gazette replies approve`, the test factories):
 * always audited, naming the actor, and announced after the commit. Returns the ids that changed.
 */
export type ChangeReplyStatus = (ids: readonly number[], status: ReplyStatus, actor: AuditActor, note?: string) => Promise<number[]>;

/**
 * Learns from what moderators decide (the spam filter answers): called inside the status change's
 * transaction, so a lesson is recorded exactly when the decision is.
 */
export interface ModerationLearner {
  learnFromModerators(trx: Transaction<Database>, moves: readonly { replyId: number; from: ReplyStatus; to: ReplyStatus }[]): Promise<void>;
}

/** `changeReplyStatus` over the database. */
export function createChangeReplyStatus(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  learner?: ModerationLearner;
  followUps?: ReplyFollowUps;
}): ChangeReplyStatus {
  const { db, clock, events, learner, followUps } = deps;
  return async (ids, status, actor, note) => {
    const at = clock.now();
    const changed = await db.transaction().execute(async (trx) => {
      const rows = await q.findStatusRows(trx, ids);
      const moved = await moveRepliesInTransaction(trx, rows, status, actor, at, { note });
      // People teach the filter (a member on the desk, a moderator at the terminal); Gazette's own moves do not.
      if (learner && actor.kind !== 'system' && moved.length > 0) {
        await learner.learnFromModerators(
          trx,
          moved.map((r) => ({ replyId: r.id, from: r.status, to: status })),
        );
      }
      if (followUps && moved.length > 0) {
        await followUps.statusChanged(
          trx,
          moved.map((r) => ({ replyId: r.id, articleId: r.article_id, from: r.status, to: status })),
        );
      }
      return moved;
    });
    publishStatusChanged(events, changed, status);
    return changed.map((c) => c.id);
  };
}
