import type { Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { Database } from '../../storage/schema.js';
import { isPublic, type Article } from '../articles/index.js';
import type { PostedReplyFacts, Reply, ReplyFollowUps, ReplyMove } from '../replies/index.js';
import type { WebhooksService } from './webhooks.service.js';

/** What the announcer reads, on the writing transaction (habit 9: the narrow interface it needs). */
export interface AnnouncerDeps {
  clock: Clock;
  articles: { findWithin(trx: Transaction<Database>, id: number): Promise<Omit<Article, 'tags'> | undefined> };
  replies: { findWithin(trx: Transaction<Database>, id: number): Promise<Reply | undefined> };
  webhooks: Pick<WebhooksService, 'announce' | 'wants'>;
  siteUrl: string;
}

/** Announces writes as webhook deliveries, inside the transaction of each write. */
export interface WebhookAnnouncer {
  /** The article writer's follow-up: called inside every transaction that changes an article. */
  articleWritten(trx: Transaction<Database>, articleId: number): Promise<void>;
  /** The reply writers' follow-ups (combined with the notification mails in container.ts). */
  replies: ReplyFollowUps;
}

function articleData(a: Omit<Article, 'tags'>, siteUrl: string) {
  return {
    article: {
      id: a.id,
      slug: a.slug,
      headline: a.headline,
      url: `${siteUrl}/${a.slug}`,
      section: a.section.slug,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      updatedAt: a.updatedAt.toISOString(),
    },
  };
}

/**
 * Turns writes into webhook deliveries inside the transaction that makes them (an outbox): the
 * delivery and its job commit exactly when the article or reply change does, so a crash right after
 * the commit cannot lose one, and a write that rolls back (a lost race for a slug, a refused post in
 * a group commit) takes its deliveries with it.
 *
 * An article that is public after the write is announced as `article.published` once per
 * publication time; later changes to a public article as `article.updated` once per update time.
 * A reply is announced as `reply.held` or `reply.approved` when it is posted with, or moved to, that
 * status. Keys are unique per webhook, so announcing the same change twice queues it once.
 */
export function createWebhookAnnouncer(deps: AnnouncerDeps): WebhookAnnouncer {
  const { clock, webhooks, siteUrl } = deps;

  async function onReplies(trx: Transaction<Database>, replyIds: readonly number[], status: string) {
    const event = status === 'held' ? 'reply.held' : status === 'approved' ? 'reply.approved' : undefined;
    if (!event || replyIds.length === 0 || !(await webhooks.wants([event], trx))) return;
    for (const id of replyIds) {
      const r = await deps.replies.findWithin(trx, id);
      if (!r || r.status !== status) continue;
      // Never the email, the address or the browser: the receiver is another system.
      const reply = { id: r.id, articleId: r.articleId, parentId: r.parentId, author: r.authorName, text: r.body, status: r.status };
      await webhooks.announce(event, `${event}:${id}`, { reply }, trx);
    }
  }

  return {
    async articleWritten(trx, articleId) {
      if (!(await webhooks.wants(['article.published', 'article.updated'], trx))) return;
      const a = await deps.articles.findWithin(trx, articleId);
      if (!a || a.kind !== 'article' || !isPublic(a, clock.now())) return;
      const data = articleData(a, siteUrl);
      const queued = await webhooks.announce('article.published', `article.published:${a.id}:${a.publishedAt!.toISOString()}`, data, trx);
      // Already announced as published: this change is an update (unless nobody wants publications and this was one).
      if (queued === 0) await webhooks.announce('article.updated', `article.updated:${a.id}:${a.updatedAt.toISOString()}`, data, trx);
    },

    replies: {
      // A reply the machine sent to spam is not announced: it reads as held to its poster only.
      posted: (trx, reply: PostedReplyFacts) => onReplies(trx, [reply.id], reply.status),
      async statusChanged(trx, moves: readonly ReplyMove[]) {
        for (const status of new Set(moves.map((m) => m.to))) {
          await onReplies(
            trx,
            moves.filter((m) => m.to === status).map((m) => m.replyId),
            status,
          );
        }
      },
    },
  };
}
