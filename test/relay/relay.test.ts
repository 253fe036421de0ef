import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import type { DomainEvent } from '../../src/lib/events.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { createRedisRelay, relayChannel } from '../../src/relay/index.js';
import { createStorage, migrateToLatest, type Storage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { TcpProxy } from '../multi-node/tcp-proxy.js';
import { testEnv } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

const config = loadConfig({
  SITE_URL: 'http://gazette.test',
  LOG_LEVEL: 'silent',
  SITE_SECRET: 'relay-test-secret-relay-test-secret-0123',
});

/** Two "nodes" (containers with their own connections) on one database, and what each heard. */
async function twoNodes(first: Storage, options: { redis?: string; redisForB?: string } = {}) {
  const second = createStorage(first.target, { poolSize: 2 });
  const clock = new ManualClock(new Date('2026-01-05T10:00:00Z'));
  const channel = `gazette:test:${Math.random().toString(36).slice(2)}`;
  const make = (storage: Storage, redis: string | undefined) =>
    createContainer(config, {
      storage,
      clock,
      ...(redis ? { relay: createRedisRelay({ url: redis, channel }) } : {}),
    });
  const a = make(first, options.redis);
  const b = make(second, options.redisForB ?? options.redis);
  const heard = { a: [] as DomainEvent[], b: [] as DomainEvent[] };
  a.events.subscribe((e) => heard.a.push(e));
  b.events.subscribe((e) => heard.b.push(e));
  await Promise.all([a.relay.start(), b.relay.start()]);
  return { a, b, heard, close: async () => Promise.all([a.close(), b.close()]) };
}

const postgres = testDatabases.find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('the PostgreSQL relay (LISTEN/NOTIFY)', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('carries an event to the other node once, and never back to its sender', async () => {
    const nodes = await twoNodes(await postgres!.open());
    close = nodes.close;
    expect(nodes.a.relay.kind).toBe('postgres');
    const article = await makeArticle(nodes.a);
    await waitFor(() => nodes.heard.b.length > 0, { message: 'node B never heard of the new article' });
    expect(nodes.heard.b).toEqual([{ type: 'article.changed', articleId: article.id }]);
    expect(nodes.heard.a).toEqual([{ type: 'article.changed', articleId: article.id }]);

    const reply = await approvedReply(nodes.b, replyFields({ articleId: article.id }));
    await waitFor(() => nodes.heard.a.some((e) => e.type === 'reply.status-changed'), { message: 'node A never heard of the approval' });
    expect(nodes.heard.a.filter((e) => e.type !== 'article.changed')).toEqual([
      { type: 'reply.posted', articleId: article.id, replyId: reply.id, status: 'held' },
      { type: 'reply.status-changed', articleIds: [article.id], replyIds: [reply.id], status: 'approved' },
    ]);
  });

  it('sends the events of one turn in one statement, and the other node hears every one, in order', async () => {
    const storage = await postgres!.open();
    const nodes = await twoNodes(storage);
    close = nodes.close;
    const executeQuery = vi.spyOn(storage.db.getExecutor(), 'executeQuery');
    const sent = Array.from({ length: 30 }, (_, k) => ({ type: 'article.changed' as const, articleId: 1000 + k }));
    for (const event of sent) nodes.a.events.publish(event);
    await waitFor(() => nodes.heard.b.length >= sent.length, { message: 'node B did not hear all thirty' });
    expect(nodes.heard.b).toEqual(sent);
    const notifies = executeQuery.mock.calls.filter(([query]) => query.sql.includes('pg_notify'));
    expect(notifies).toHaveLength(1);
  });

  it('sends an event too long for NOTIFY alone, so the events beside it still arrive', async () => {
    const nodes = await twoNodes(await postgres!.open());
    close = nodes.close;
    const before = { type: 'article.changed' as const, articleId: 1 };
    // Over PostgreSQL's 8,000-byte payload limit: its statement fails (and is logged), the others' do not.
    const tooLong = {
      type: 'reply.status-changed' as const,
      articleIds: [1],
      replyIds: Array.from({ length: 2000 }, (_, k) => k + 1),
      status: 'approved' as const,
    };
    const after = { type: 'article.changed' as const, articleId: 2 };
    for (const event of [before, tooLong, after]) nodes.a.events.publish(event);
    await waitFor(() => nodes.heard.b.length >= 2, { message: 'node B did not hear the events beside the long one' });
    expect(nodes.heard.b).toEqual([before, after]);
  });

  it('reconnects its listener after the connection is killed, and reports the gap', async () => {
    const storage = await postgres!.open();
    const nodes = await twoNodes(storage);
    close = nodes.close;
    const channel = relayChannel(storage.target, 'postgres');
    const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) as ok from pg_stat_activity where query = $1 and pid <> pg_backend_pid()`,
        [`LISTEN "${channel}"`],
      );
      expect(killed.rowCount).toBe(2); // both nodes' listeners
    } finally {
      await admin.end();
    }
    await waitFor(() => nodes.heard.b.some((e) => e.type === 'changes.unseen'), { message: 'the gap was not reported' });
    const article = await makeArticle(nodes.a);
    await waitFor(() => nodes.heard.b.some((e) => e.type === 'article.changed' && e.articleId === article.id), {
      message: 'events did not flow again after reconnecting',
    });
  });
});

describe('the SQLite relay (the shared file)', () => {
  let dir: string | undefined;
  const open: Container[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A served site on a fresh SQLite file, and `otherProcess()`: a container with its own connection to that file, as the CLI has. */
  async function siteOnFile() {
    dir = mkdtempSync(join(tmpdir(), 'gazette-relay-'));
    const target = loadConfig({ DATABASE_URL: join(dir, 'site.db') }).database;
    const clock = new ManualClock(new Date('2026-01-05T10:00:00Z'));
    const server = createContainer(config, { storage: createStorage(target), clock });
    open.push(server);
    await migrateToLatest(server.storage);
    await publishDemoArticleIfEmpty(server);
    const app = await buildApp(server, { logger: false });
    const otherProcess = () => {
      const cli = createContainer(config, { storage: createStorage(target), clock });
      open.push(cli);
      return cli;
    };
    return { server, app, otherProcess };
  }

  it('shows another process’s approval on the very next request, as after `gazette replies approve`', async () => {
    const { server, app, otherProcess } = await siteOnFile();
    expect(server.relay.kind).toBe('sqlite');
    const url = `/articles/${demoArticle.slug}`;
    await app.inject({ url });
    expect((await app.inject({ url })).headers['x-cache']).toBe('hit');

    const cli = otherProcess();
    const article = await cli.articles.getPublished(demoArticle.slug!);
    const reply = await approvedReply(cli, replyFields({ articleId: article.id, comment: 'Approved from the command line.' }));

    const next = await app.inject({ url });
    expect(next.headers['x-cache']).toBe('miss');
    expect(next.body).toContain(`id="reply-${reply.id}"`);
    await app.close();
  });

  it('shows it on the very next request over a socket too, where hits skip Fastify and share one look per turn', async () => {
    const { app, otherProcess } = await siteOnFile();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const page = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/articles/${demoArticle.slug}`);
      return { cache: response.headers.get('x-cache'), body: await response.text() };
    };
    await page();
    // Several hits in a row, some sharing a turn: all answered by the fast path.
    const hits = await Promise.all([page(), page(), page()]);
    expect(hits.map((h) => h.cache)).toEqual(['hit', 'hit', 'hit']);

    const cli = otherProcess();
    const article = await cli.articles.getPublished(demoArticle.slug!);
    const reply = await approvedReply(cli, replyFields({ articleId: article.id, comment: 'Approved from the command line.' }));

    const next = await page();
    expect(next.cache).toBe('miss');
    expect(next.body).toContain(`id="reply-${reply.id}"`);
    await app.close();
  });
});

describe.skipIf(!testEnv.redisUrl)('the Redis relay', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('carries an event to the other node once, and never back to its sender', async () => {
    const nodes = await twoNodes(await testDatabases[0]!.open(), { redis: testEnv.redisUrl });
    close = nodes.close;
    expect(nodes.a.relay.kind).toBe('redis');
    nodes.a.events.publish({ type: 'article.changed', articleId: 42 });
    await waitFor(() => nodes.heard.b.length > 0, { message: 'node B never heard the event' });
    expect(nodes.heard.b).toEqual([{ type: 'article.changed', articleId: 42 }]);
    nodes.b.events.publish({ type: 'reply.posted', articleId: 42, replyId: 7, status: 'approved' });
    await waitFor(() => nodes.heard.a.length > 1, { message: 'node A never heard the event' });
    expect(nodes.heard.a).toEqual([
      { type: 'article.changed', articleId: 42 },
      { type: 'reply.posted', articleId: 42, replyId: 7, status: 'approved' },
    ]);
  });
  it('comes back by itself after its connection to Redis is cut, and reports the gap', async () => {
    const upstream = new URL(testEnv.redisUrl!);
    const proxy = new TcpProxy(Number(upstream.port || 6379));
    const viaProxy = new URL(testEnv.redisUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(await proxy.start());
    const nodes = await twoNodes(await testDatabases[0]!.open(), { redis: testEnv.redisUrl, redisForB: viaProxy.toString() });
    close = async () => {
      await nodes.close();
      await proxy.close();
    };
    proxy.cut();
    proxy.restore();
    await waitFor(() => nodes.heard.b.some((e) => e.type === 'changes.unseen'), { message: 'the gap was not reported' });
    nodes.a.events.publish({ type: 'article.changed', articleId: 43 });
    await waitFor(() => nodes.heard.b.some((e) => e.type === 'article.changed' && e.articleId === 43), {
      message: 'events did not flow again after reconnecting',
    });
  });
});
