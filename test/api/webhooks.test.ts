import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArticleWriter, createMarkdownRenderer, findArticleWithin } from '../../src/modules/articles/index.js';
import { retryDelayMs } from '../../src/modules/jobs/index.js';
import { findReplyWithin } from '../../src/modules/replies/index.js';
import { indexArticleForSearch } from '../../src/modules/search/index.js';
import { createWebhookAnnouncer, verifyDelivery, webhookHeaders } from '../../src/modules/webhooks/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender, testModerator } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A receiver on 127.0.0.1 that fails the first `failures` requests with a 500, then answers 204. */
async function receiver(failures: number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (received.length <= failures) res.writeHead(500).end('not yet');
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe.each(testDatabases)('webhooks on $name', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(database);
  });
  afterEach(async () => {
    await t.close();
  });

  it('signs a delivery, retries a receiver that fails twice, and delivers once', async () => {
    const r = await receiver(2);
    try {
      const hook = await t.container.webhooks.register({ url: r.url, events: ['article.published'] });
      const article = await makeArticle(t.container);
      // Queued with the article's own commit.
      expect(await t.container.webhooks.recentDeliveries(hook.id)).toHaveLength(1);

      await t.container.jobs.runDue();
      expect(r.received).toHaveLength(1);
      // Not again before its backoff has passed; then the second and third attempts.
      await t.container.jobs.runDue();
      expect(r.received).toHaveLength(1);
      t.clock.advance(retryDelayMs(1));
      await t.container.jobs.runDue();
      expect(r.received).toHaveLength(2);
      t.clock.advance(retryDelayMs(2));
      await t.container.jobs.runDue();
      expect(r.received).toHaveLength(3);
      // Delivered: nothing is sent again, however often the queue runs or the change is announced.
      t.clock.advance(3_600_000);
      const key = `article.published:${article.id}:${article.publishedAt!.toISOString()}`;
      expect(await t.container.webhooks.announce('article.published', key, {})).toBe(0);
      await t.container.jobs.runDue();
      expect(r.received).toHaveLength(3);

      const third = r.received[2]!;
      expect(third.headers[webhookHeaders.event]).toBe('article.published');
      expect(third.headers[webhookHeaders.delivery]).toBe(r.received[0]!.headers[webhookHeaders.delivery]);
      const timestamp = String(third.headers[webhookHeaders.timestamp]);
      expect(verifyDelivery(hook.secret, timestamp, third.body, String(third.headers[webhookHeaders.signature]))).toBe(true);
      expect(verifyDelivery('whsec_wrong', timestamp, third.body, String(third.headers[webhookHeaders.signature]))).toBe(false);
      expect(JSON.parse(third.body)).toMatchObject({
        event: 'article.published',
        data: { article: { id: article.id, slug: article.slug } },
      });

      const [delivery] = await t.container.webhooks.recentDeliveries(hook.id);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 204 });
    } finally {
      r.server.close();
    }
  });

  it('announces a later change of a published article as article.updated', async () => {
    const r = await receiver(0);
    try {
      const hook = await t.container.webhooks.register({ url: r.url, events: ['article.published', 'article.updated'] });
      const article = await makeArticle(t.container);
      await waitFor(async () => (await t.container.webhooks.recentDeliveries(hook.id)).length === 1);
      t.clock.advance(60_000);
      await t.container.articleWriter.importArticle(
        {
          headline: 'Changed headline',
          bodyMarkdown: 'New text.',
          author: { name: 'Test Writer' },
          section: 'World',
          status: 'published',
          publishedAt: article.publishedAt!,
          replaces: article.id,
        },
        { id: null, name: 'test' },
      );
      await waitFor(async () => (await t.container.webhooks.recentDeliveries(hook.id)).length === 2);
      const events = (await t.container.webhooks.recentDeliveries(hook.id)).map((d) => d.event);
      expect(events).toEqual(['article.updated', 'article.published']);
    } finally {
      r.server.close();
    }
  });

  it('queues each delivery and its job in the transaction of the write that causes it, so none waits for an after-commit step', async () => {
    const hook = await t.container.webhooks.register({
      url: 'http://127.0.0.1:9/never-called',
      events: ['article.published', 'article.updated', 'reply.held', 'reply.approved'],
    });
    const delivered = async () => (await t.container.webhooks.recentDeliveries(hook.id)).map((d) => d.event).reverse();
    const queuedJobs = async () => (await t.container.jobs.counts()).pending;

    // Checked the moment each write resolves, with nothing awaited in between: a process that
    // stopped right after the commit would still deliver all of these.
    const article = await makeArticle(t.container);
    expect(await delivered()).toEqual(['article.published']);
    expect(await queuedJobs()).toBe(1);

    const held = await t.container.replies.post(replyFields({ articleId: article.id, email: 'first.time@example.org' }), sender());
    expect(held.status).toBe('held');
    expect(await delivered()).toEqual(['article.published', 'reply.held']);

    await t.container.replies.changeReplyStatus([held.id], 'approved', testModerator);
    expect(await delivered()).toEqual(['article.published', 'reply.held', 'reply.approved']);

    t.clock.advance(60_000);
    await t.container.articleWriter.changeStatus(article.id, 'unpublish', { id: null, name: 'test' });
    expect(await delivered()).toHaveLength(3);
    const later = new Date(t.clock.now().getTime() + 3_600_000);
    const scheduled = await makeArticle(t.container, { status: 'scheduled', publishedAt: later });
    expect(await delivered()).toHaveLength(3);
    t.clock.set(later);
    expect(await t.container.articleWriter.publishDue()).toEqual([scheduled.id]);
    expect(await delivered()).toEqual(['article.published', 'reply.held', 'reply.approved', 'article.published']);
    expect(await queuedJobs()).toBe(4);
  });

  it('leaves no delivery behind when the write fails after announcing (the delivery rolls back with it)', async () => {
    const hook = await t.container.webhooks.register({ url: 'http://127.0.0.1:9/never-called', events: ['article.published'] });
    const announcer = createWebhookAnnouncer({
      clock: t.clock,
      articles: { findWithin: findArticleWithin },
      replies: { findWithin: findReplyWithin },
      webhooks: t.container.webhooks,
      siteUrl: 'http://gazette.test',
    });
    const markdown = createMarkdownRenderer();
    let queuedInside = 0;
    try {
      // A writer whose transaction fails after the announcement, as a crash before the commit would.
      const failing = createArticleWriter({
        db: t.storage.db,
        clock: t.clock,
        events: t.container.events,
        caps: t.storage.caps,
        markdown,
        indexForSearch: indexArticleForSearch,
        followUp: async (trx, id) => {
          await announcer.articleWritten(trx, id);
          queuedInside = (await trx.selectFrom('webhook_deliveries').select('id').execute()).length;
          throw new Error('the process died before the commit');
        },
      });
      await expect(
        failing.importArticle(
          { headline: 'Never published', bodyMarkdown: 'Text.', author: { name: 'W' }, section: 'World', status: 'published' },
          { id: null, name: 'test' },
        ),
      ).rejects.toThrow('the process died before the commit');
      // Queued inside the transaction, gone with it.
      expect(queuedInside).toBe(1);
      expect(await t.container.webhooks.recentDeliveries(hook.id)).toEqual([]);
      expect((await t.container.jobs.counts()).pending).toBe(0);
    } finally {
      await markdown.close();
    }
  });

  it('refuses a URL that is not http(s), with a message naming the field', async () => {
    await expect(t.container.webhooks.register({ url: 'ftp://example.org/x', events: ['reply.held'] })).rejects.toMatchObject({
      field: 'url',
    });
    await expect(t.container.webhooks.register({ url: 'https://example.org/x', events: [] })).rejects.toMatchObject({ field: 'events' });
  });
});
