import type { Container } from '../../src/container.js';
import type { Article, ArticleInput } from '../../src/modules/articles/index.js';
import { randomUUID } from 'node:crypto';
import type { BotSignals, Reply, ReplyInput, Sender } from '../../src/modules/replies/index.js';

let counter = 0;

/** Who the audit trail names for an article a test made. */
const factoryActor = { id: null, name: 'Test factory' };

/**
 * Publishes an article with sensible defaults through the article writer's import mode (a test
 * sets dates and addresses as an import does); `overrides` set what the test cares about.
 */
export async function makeArticle(
  container: Pick<Container, 'articles' | 'articleWriter' | 'clock'>,
  overrides: Partial<ArticleInput> = {},
): Promise<Article> {
  counter += 1;
  const id = await container.articleWriter.importArticle(
    {
      headline: `Test article ${counter}`,
      dek: 'A dek.',
      bodyMarkdown: 'Body text.',
      author: { name: 'Test Writer' },
      section: 'World',
      tags: ['Testing'],
      status: 'published',
      publishedAt: new Date(container.clock.now().getTime() - 3_600_000),
      ...overrides,
    },
    factoryActor,
  );
  return (await container.articles.findById(id))!;
}

/** A reply's fields as a reader fills them in. */
export function replyFields(overrides: Partial<ReplyInput> & { articleId: number }): ReplyInput {
  counter += 1;
  return {
    comment: `A thoughtful reply number ${counter}.`,
    author: 'Ada Reader',
    email: 'ada@example.org',
    url: '',
    ...overrides,
  };
}

/**
 * A distinct sender per call, so flood control does not trip between unrelated posts; a person's
 * form (honeypot empty, a good token of its own, filled in a minute) unless `bot` says otherwise.
 */
export function sender(ip = `10.0.0.${(counter++ % 250) + 1}`, bot: Partial<BotSignals> = {}): Sender {
  return {
    ip,
    userAgent: 'vitest',
    botSignals: { ...personSignals, ...bot },
    formNonce: { nonce: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  };
}

/** What a person's post of the reply form shows: nothing of a bot. */
export const personSignals: BotSignals = Object.freeze({ honeypot: false, token: 'ok', secondsToFill: 60 });

/** Who the factories name in the audit trail when they moderate. */
export const testModerator = { kind: 'system', id: null, name: 'test factory' } as const;

/** Posts a reply and approves it at once (through the one status change, so it is audited like any approval). */
export async function approvedReply(container: Container, input: ReplyInput): Promise<Reply> {
  const reply = await container.replies.post(input, sender());
  if (reply.status !== 'approved') await container.replies.changeReplyStatus([reply.id], 'approved', testModerator);
  return (await container.replies.find(reply.id))!;
}
