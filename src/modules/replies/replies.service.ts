import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { DomainEvents } from '../../lib/events.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { noteEmailKey } from '../settings/index.js';
import type { Database } from '../../storage/schema.js';
import type { ReplyStatus } from './replies.js';
import type { Reply, ReplyCursor } from './replies.js';
import * as q from './replies.queries.js';
import { createChangeReplyStatus, type ModerationLearner, type ChangeReplyStatus } from './reply-status.js';
import { createReplyWriter, type ReplyWriter, type ReplyWriterDeps } from './reply-writer.js';

/** Dependencies of the replies service: the writer's. */
export type RepliesDeps = ReplyWriterDeps & {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  /** Learns from moderators' status changes (the spam filter). */
  learner?: ModerationLearner;
};

/** A line of the moderation list. */
export interface ReplyListItem extends Reply {
  articleSlug: string;
}

/** A reply in the site-wide feed, with the story it answers. */
export interface SiteReplyItem extends Reply {
  articleSlug: string;
  articleHeadline: string;
}

/** Writing (the one reply writer, the one status change) and reading replies. */
export interface RepliesService extends ReplyWriter {
  /** The one way a reply's status changes: audited, naming the actor, announced after the commit. */
  changeReplyStatus: ChangeReplyStatus;
  /** One page of an article's approved replies, oldest first, and where the next page starts (null: none). */
  approvedPage(articleId: number, options: { limit: number; after?: ReplyCursor }): Promise<{ replies: Reply[]; next: ReplyCursor | null }>;
  /** Replies a viewer sees under an article: approved ones, and their own held ones (`ownIds`). */
  visibleFor(articleId: number, ownIds: readonly number[]): Promise<Reply[]>;
  find(id: number): Promise<Reply | undefined>;
  /** How deep a reply sits in its thread: 1 under the article, 2 for an answer, … (capped at `cap`). */
  depthOf(reply: Pick<Reply, 'parentId'>, cap: number): Promise<number>;
  listByStatus(status: ReplyStatus, limit?: number): Promise<ReplyListItem[]>;
  /** The newest approved replies across the site's public stories, newest first (the site's replies feed). */
  recentApproved(limit: number): Promise<SiteReplyItem[]>;
  /**
   * The address a reply's author gave, decrypted (stored sealed, see src/lib/email-cipher.ts), for
   * mail to that author; '' when they gave none, undefined when there is no such reply. Never for pages.
   */
  authorEmail(replyId: number): Promise<string | undefined>;
  /**
   * Re-seals every stored email with `next` and records its key id, in one transaction (`gazette
   * keys rotate`); returns how many it re-sealed. Run with the other nodes stopped: they hold the old key.
   */
  rotateEmailKey(next: EmailCipher): Promise<number>;
  /** Erases the IP address and user agent of replies older than `days` (the scheduler calls it); returns how many. */
  eraseOldSenderDetails(days: number): Promise<number>;
  /** Opens sealed emails and computes the keyed hash that matches them, for modules that read reply rows. */
  commenterEmails(): Promise<CommenterEmails>;
}

/** How a module that reads reply rows opens their sealed emails and matches an address (never by the address itself). */
export interface CommenterEmails {
  /** The plain address of a stored (sealed) `author_email`. */
  open(stored: string): string;
  /** The keyed hash replies are matched on (`author_email_hash`). */
  fingerprint(email: string): string;
}

/** The replies service over the database. */
export function createRepliesService(deps: RepliesDeps): RepliesService {
  const { db } = deps;

  return {
    ...createReplyWriter(deps),
    changeReplyStatus: createChangeReplyStatus(deps),

    async approvedPage(articleId, { limit, after }) {
      // One more than asked: whether it comes back says whether there is a next page.
      const rows = await q.approvedPageForArticle(db, articleId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { replies: page.map(q.toReply), next: rows.length > limit && last ? { createdAt: last.created_at, id: last.id } : null };
    },

    async visibleFor(articleId, ownIds) {
      return (await q.listForArticle(db, articleId, ownIds)).map(q.toReply);
    },

    async find(id) {
      const row = await q.findReply(db, id);
      return row ? q.toReply(row) : undefined;
    },

    async depthOf(reply, cap) {
      let depth = 1;
      for (let parentId = reply.parentId; parentId !== null && depth < cap; depth++) {
        parentId = (await q.findReply(db, parentId))?.parent_id ?? null;
      }
      return depth;
    },

    async listByStatus(status, limit = 100) {
      return (await q.listByStatus(db, status, limit)).map((row) => ({ ...q.toReply(row), articleSlug: row.article_slug }));
    },

    async authorEmail(replyId) {
      const stored = await q.findAuthorEmail(db, replyId);
      return stored === undefined ? undefined : (await deps.settings.emailCipher()).open(stored);
    },

    async rotateEmailKey(next) {
      const current = await deps.settings.emailCipher();
      return db.transaction().execute(async (trx) => {
        let count = 0;
        for (let after = 0; ;) {
          const rows = await q.sealedEmailsPage(trx, after, 500);
          if (rows.length === 0) break;
          for (const row of rows) await q.setSealedEmail(trx, row.id, next.seal(current.open(row.author_email)));
          count += rows.length;
          after = rows[rows.length - 1]!.id;
        }
        await noteEmailKey(trx, next);
        return count;
      });
    },

    async eraseOldSenderDetails(days) {
      return q.eraseSenderDetailsBefore(db, new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString());
    },

    async commenterEmails() {
      const [cipher, secret] = await Promise.all([deps.settings.emailCipher(), deps.settings.siteSecret()]);
      return { open: (stored) => cipher.open(stored), fingerprint: (email) => emailFingerprint(secret, email) };
    },

    async recentApproved(limit) {
      const rows = await q.recentApprovedOnPublicStories(db, deps.clock.now().toISOString(), limit);
      return rows.map((row) => ({ ...q.toReply(row), articleSlug: row.article_slug, articleHeadline: row.article_headline }));
    },
  };
}
