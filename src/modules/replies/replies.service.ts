import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Closed, Conflict, Invalid, NotFound, RateLimited } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { textFingerprint } from '../../lib/reader-text.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import type { ReplyStatus } from './replies.js';
import { acceptsReplies, isPublic, type Article } from '../articles/index.js';
import { recordAudit } from '../audit/index.js';
import type { SettingsService } from '../settings/index.js';
import type { Reply, ReplyCursor, ReplyInput, Sender } from './replies.js';
import { validateReplyInput } from './replies.js';
import * as q from './replies.queries.js';
import { decideReplyStatus, staffLookalikeReason } from './reply-moderation.js';

/** What the replies service needs to know about articles; nothing more. */
export interface ReplyArticleLookup {
  findReplyTarget(id: number): Promise<Pick<Article, 'id' | 'status' | 'publishedAt' | 'repliesOpen'> | undefined>;
}

/** Dependencies of the replies service. */
export interface RepliesDeps {
  db: Kysely<Database>;
  clock: Clock;
  settings: SettingsService;
  articles: ReplyArticleLookup;
  events: DomainEvents;
  /** Whether a name or email passes for a newsroom member's (the accounts module answers). */
  staff: { resembles(name: string, email: string): Promise<boolean> };
  /** Serialises posts from one sender, so the flood and duplicate checks hold under parallel requests. */
  caps: Pick<Capabilities, 'lockKeys'>;
}

/** A line of the moderation list. */
export interface ReplyListItem extends Reply {
  articleSlug: string;
}

/** Posting, listing and moderating replies. */
export interface RepliesService {
  /** Validates and stores a reader's reply; resolves once it is committed. */
  post(input: ReplyInput, sender: Sender): Promise<Reply>;
  /** One page of an article's approved replies, oldest first, and where the next page starts (null: none). */
  approvedPage(articleId: number, options: { limit: number; after?: ReplyCursor }): Promise<{ replies: Reply[]; next: ReplyCursor | null }>;
  /** Replies a viewer sees under an article: approved ones, and their own held ones (`ownIds`). */
  visibleFor(articleId: number, ownIds: readonly number[]): Promise<Reply[]>;
  find(id: number): Promise<Reply | undefined>;
  /** How deep a reply sits in its thread: 1 under the article, 2 for an answer, … (capped at `cap`). */
  depthOf(reply: Pick<Reply, 'parentId'>, cap: number): Promise<number>;
  listByStatus(status: ReplyStatus, limit?: number): Promise<ReplyListItem[]>;
  /** Moves replies to a status; returns the ids that changed. */
  setStatus(ids: readonly number[], status: ReplyStatus): Promise<number[]>;
}

/** Row → domain reply. */
export function toReply(row: q.PublicReplyRow): Reply {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorUrl: row.author_url,
    authorFingerprint: row.author_email_hash,
    body: row.body,
    status: row.status,
    createdAt: new Date(row.created_at),
    staff: row.staff_user_id !== null,
    moderationReason: row.moderation_reason,
  };
}

const FLOOD_MESSAGE = 'You are posting comments too quickly. Slow down.';
const DUPLICATE_MESSAGE = 'Duplicate comment detected; it looks as though you’ve already said that!';

/** The replies service over the database. */
export function createRepliesService(deps: RepliesDeps): RepliesService {
  const { db, clock, settings, articles, events } = deps;

  return {
    async post(input, sender) {
      const rules = await settings.discussion();
      const reply = validateReplyInput(input, rules);
      const now = clock.now();
      const article = await articles.findReplyTarget(reply.articleId);
      if (!article || !isPublic(article, now)) throw new NotFound('This article does not exist, so it cannot take replies.');
      if (!acceptsReplies(article, now, rules.closeAfterDays)) {
        throw new Closed('Replies are closed on this article.');
      }
      const emailHash = emailFingerprint(await settings.siteSecret(), reply.email || `${reply.author}@anonymous.invalid`);
      const bodyFingerprint = textFingerprint(reply.comment);
      // A reader using a newsroom member's name or email is never published unseen (staff answer from the desk).
      const looksLikeStaff = await deps.staff.resembles(reply.author, reply.email);

      const stored = await db.transaction().execute(async (trx) => {
        // Flood control and duplicates are checked and then inserted: posts by one sender (address
        // or email; a duplicate always shares the email) must take turns until each commits. With
        // flood control on, a post arriving while the same sender's is in flight is a flood by
        // definition: refused at once rather than queued, so a burst cannot tie up connections.
        const senderKeys = [`reply-sender:email:${emailHash}`, ...(sender.ip ? [`reply-sender:ip:${sender.ip}`] : [])];
        const flood = rules.floodIntervalSeconds > 0;
        if (!(await deps.caps.lockKeys(trx, senderKeys, { wait: !flood }))) throw new RateLimited(FLOOD_MESSAGE);
        if (reply.parentId !== null) {
          const parent = await q.findReply(trx, reply.parentId);
          if (!parent || parent.article_id !== reply.articleId || parent.status !== 'approved') {
            throw new Invalid('The comment you are answering is not on this article (or is not published). Reply to the article instead.', 'parent');
          }
        }
        if (rules.floodIntervalSeconds > 0) {
          const since = new Date(now.getTime() - rules.floodIntervalSeconds * 1000).toISOString();
          if (await q.postedSince(trx, sender.ip, emailHash, since)) throw new RateLimited(FLOOD_MESSAGE);
        }
        if (rules.detectDuplicates) {
          const duplicate = await q.isDuplicate(trx, { articleId: reply.articleId, parentId: reply.parentId, emailHash, bodyFingerprint });
          if (duplicate) throw new Conflict(DUPLICATE_MESSAGE, 'comment');
        }
        const known = await q.hasApprovedReply(trx, emailHash, reply.author);
        const decision = decideReplyStatus(reply, sender, rules, known, looksLikeStaff);
        const row = {
          article_id: reply.articleId,
          parent_id: reply.parentId,
          author_name: reply.author,
          author_email: reply.email,
          author_email_hash: emailHash,
          author_url: reply.url,
          body: reply.comment,
          body_fingerprint: bodyFingerprint,
          status: decision.status,
          created_at: now.toISOString(),
          ip: sender.ip.slice(0, 64),
          user_agent: sender.userAgent.slice(0, 512),
        };
        const id = await q.insertReply(trx, row);
        if (looksLikeStaff && decision.status === 'held') {
          await recordAudit(trx, {
            actor: { id: null, name: 'Gazette' },
            action: 'reply.hold',
            subject: { type: 'reply', id },
            reason: staffLookalikeReason,
            before: null,
            after: { status: 'held', author: reply.author },
            at: now,
          });
        }
        return { ...row, id, staff_user_id: null, moderation_reason: '' };
      });
      events.publish({ type: 'reply.posted', articleId: stored.article_id, replyId: stored.id, status: stored.status });
      return toReply(stored);
    },

    async approvedPage(articleId, { limit, after }) {
      // One more than asked: whether it comes back says whether there is a next page.
      const rows = await q.approvedPageForArticle(db, articleId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { replies: page.map(toReply), next: rows.length > limit && last ? { createdAt: last.created_at, id: last.id } : null };
    },

    async visibleFor(articleId, ownIds) {
      return (await q.listForArticle(db, articleId, ownIds)).map(toReply);
    },

    async find(id) {
      const row = await q.findReply(db, id);
      return row ? toReply(row) : undefined;
    },

    async depthOf(reply, cap) {
      let depth = 1;
      for (let parentId = reply.parentId; parentId !== null && depth < cap; depth++) {
        parentId = (await q.findReply(db, parentId))?.parent_id ?? null;
      }
      return depth;
    },

    async listByStatus(status, limit = 100) {
      return (await q.listByStatus(db, status, limit)).map((row) => ({ ...toReply(row), articleSlug: row.article_slug }));
    },

    async setStatus(ids, status) {
      const changed = await db.transaction().execute((trx) => q.setStatus(trx, ids, status));
      if (changed.length > 0) {
        events.publish({
          type: 'reply.status-changed',
          articleIds: [...new Set(changed.map((c) => c.article_id))],
          replyIds: changed.map((c) => c.id),
          status,
        });
      }
      return changed.map((c) => c.id);
    },
  };
}
