import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { createStorage, migrateToLatest, type Storage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { IN_PROCESS_ENV, TEST_SITE_SECRET } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/*
 * Two nodes (a container and an app each, their own connections) on one database: a reply approved
 * on one drops the page on the other. PostgreSQL carries the event itself (LISTEN/NOTIFY), so only
 * the article's pages go; a SQLite file carries no message, only its change counter, so the other
 * node drops everything (coarse, but never stale).
 */
const config = loadConfig({ SITE_URL: 'http://gazette.test', LOG_LEVEL: 'silent', SITE_SECRET: TEST_SITE_SECRET, ...IN_PROCESS_ENV });

/** The same database opened twice, as two processes would. */
async function sharedDatabase(name: 'sqlite' | 'postgres'): Promise<{ first: Storage; second: Storage; cleanUp(): void }> {
  if (name === 'postgres') {
    const first = await testDatabases.find((d) => d.name === 'postgres')!.open();
    return { first, second: createStorage(first.target, { poolSize: 2 }), cleanUp() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gazette-nodes-'));
  const first = createStorage({ dialect: 'sqlite', file: join(dir, 'site.db') });
  await migrateToLatest(first);
  return { first, second: createStorage(first.target), cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.each(testDatabases)('the page cache across two nodes on $name', (database) => {
  let nodes: { a: Container; b: Container; appA: FastifyInstance; appB: FastifyInstance; cleanUp(): void } | undefined;
  afterEach(async () => {
    if (!nodes) return;
    await Promise.all([nodes.appA.close(), nodes.appB.close()]);
    await Promise.all([nodes.a.close(), nodes.b.close()]);
    nodes.cleanUp();
    nodes = undefined;
  });

  it("drops the article's page on the other node when a reply is approved on one", async () => {
    const { first, second, cleanUp } = await sharedDatabase(database.name);
    const a = createContainer(config, { storage: first });
    const b = createContainer(config, { storage: second });
    await publishDemoArticleIfEmpty(a);
    const quiet = await makeArticle(a, { headline: 'Nobody replies here' });
    const [appA, appB] = await Promise.all([buildApp(a, { logger: false }), buildApp(b, { logger: false })]);
    nodes = { a, b, appA, appB, cleanUp };
    await Promise.all([appA.ready(), appB.ready()]);

    const demoPath = `/articles/${demoArticle.slug}`;
    const quietPath = `/articles/${quiet.slug}`;
    const cacheOf = async (path: string) => (await appB.inject({ url: path })).headers['x-cache'];
    for (const path of [demoPath, quietPath]) {
      await appB.inject({ url: path });
      expect(await cacheOf(path), path).toBe('hit');
    }

    const demo = await a.articles.getPublished(demoArticle.slug!);
    const reply = await approvedReply(a, replyFields({ articleId: demo.id, comment: 'Approved on node A, shown on node B.' }));
    await waitFor(async () => (await appB.inject({ url: demoPath })).body.includes(`id="reply-${reply.id}"`), {
      timeoutMs: 5000,
      intervalMs: 20,
      message: "node B kept serving the page without node A's approved reply",
    });
    // PostgreSQL tells node B which article changed; a SQLite file only that something did.
    if (database.name === 'postgres') expect(await cacheOf(quietPath)).toBe('hit');
  });
});
