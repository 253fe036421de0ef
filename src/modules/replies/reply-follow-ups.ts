import type { Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { Reply, ReplyStatus } from './replies.js';
import * as q from './replies.queries.js';

/** What the follow-ups learn of a reader's or staff member's new reply, inside its transaction. */
export interface PostedReplyFacts {
  id: number;
  articleId: number;
  parentId: number | null;
  status: ReplyStatus;
  /** The author's keyed email hash (never the address). */
  emailHash: string;
  /** The author ticked "Notify me of follow-up replies by email" and gave an address. */
  wantsFollowUps: boolean;
}

/** A reply moved from one status to another. */
export interface ReplyMove {
  replyId: number;
  articleId: number;
  from: ReplyStatus;
  to: ReplyStatus;
}

/**
 * What must follow a reply's write (the notify module answers: subscriptions, notification and
 * moderator mails; the webhooks module too: `reply.held` and `reply.approved` deliveries; see
 * `combineFollowUps`). Called inside the writing transaction, so the mails and deliveries are
 * queued exactly when the reply or its status change commits (an outbox: nothing lost to a crash
 * after the commit). Imports call nothing: an imported site's readers are not mailed about its past.
 */
export interface ReplyFollowUps {
  posted(trx: Transaction<Database>, reply: PostedReplyFacts): Promise<void>;
  statusChanged(trx: Transaction<Database>, moves: readonly ReplyMove[]): Promise<void>;
}

/** Several follow-ups run one after the other inside the same transaction (notification mails, then webhooks). */
export function combineFollowUps(...all: readonly ReplyFollowUps[]): ReplyFollowUps {
  return {
    async posted(trx, reply) {
      for (const f of all) await f.posted(trx, reply);
    },
    async statusChanged(trx, moves) {
      for (const f of all) await f.statusChanged(trx, moves);
    },
  };
}

/** A reply as the writing transaction sees it (for a follow-up that needs more than the facts it is told). */
export async function findReplyWithin(trx: Transaction<Database>, id: number): Promise<Reply | undefined> {
  const row = await q.findReply(trx, id);
  return row ? q.toReply(row) : undefined;
}
