import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { noRelay, relayChannel } from '../../src/relay/index.js';
import { createStorage } from '../../src/storage/db.js';
import { testEnv } from '../support/test-env.js';
import { makeArticle } from '../support/factories.js';
import { waitFor } from '../support/wait-for.js';
import { freshSchema } from './fresh-schema.js';
import { startServer, runGazette, type ServerProcess } from '../support/server-process.js';
import { personFormTokenSignedWith } from '../support/http.js';
import { TEST_SITE_SECRET } from '../support/test-app.js';

/*
 * Two real `gazette serve` processes on different ports, one PostgreSQL schema: what one node
 * changes, the other shows within a second (its page cache hears of it over LISTEN/NOTIFY), and a
 * scheduled article is published exactly once although both nodes' schedulers look for it.
 */
if (!testEnv.postgresUrl) {
  console.warn('\n!! TEST_DATABASE_URL is not set: the two-node PostgreSQL test is SKIPPED.\n');
}

describe.skipIf(!testEnv.postgresUrl)('two nodes on one PostgreSQL database', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let site: Container;
  const slug = demoArticle.slug!;
  const articlePath = `/articles/${slug}`;

  beforeAll(async () => {
    schema = await freshSchema(testEnv.postgresUrl!);
    const env = {
      DATABASE_URL: schema.databaseUrl,
      SITE_URL: 'http://gazette.test',
      SCHEDULER_INTERVAL_MS: '200',
      SITE_SECRET: TEST_SITE_SECRET,
    };
    // One after the other: the first migrates and publishes the demo article on the empty site.
    a = await startServer(env, { serveArgs: [] });
    b = await startServer(env, { serveArgs: [] });
    // The test's own window on the database; it tells no node anything (no relay).
    const config = loadConfig({ DATABASE_URL: schema.databaseUrl, LOG_LEVEL: 'silent', SITE_SECRET: TEST_SITE_SECRET });
    site = createContainer(config, { storage: createStorage(config.database, { poolSize: 2 }), relay: noRelay });
    // Every post here comes from 127.0.0.1; flood control keys on the address.
    await site.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await site?.close();
    await schema?.drop();
  });

  async function get(node: ServerProcess, path: string) {
    const response = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, cache: response.headers.get('x-cache'), body: await response.text() };
  }

  /** Fetches the page from `node` until it contains `text`; returns how long that took. */
  function seenWithin(node: ServerProcess, path: string, text: string) {
    return waitFor(async () => (await get(node, path)).body.includes(text), {
      timeoutMs: 3000,
      intervalMs: 25,
      message: `"${text}" did not appear on ${node.url}${path}`,
    });
  }

  async function warm(node: ServerProcess, path: string) {
    await get(node, path);
    expect((await get(node, path)).cache).toBe('hit');
  }

  async function postReply(node: ServerProcess, fields: Record<string, string>) {
    const response = await fetch(`${node.url}/api/articles/${slug}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: '', ...personFormTokenSignedWith(TEST_SITE_SECRET), ...fields }),
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { reply: { id: number; status: string } }).reply;
  }

  it('shows a reply approved through one node on the other within a second', async () => {
    // A first-time commenter's reply is held; posted through node A.
    const held = await postReply(a, { comment: 'Held first, then approved.', author: 'Soo-ah', email: 'sooah@example.org' });
    expect(held.status).toBe('held');
    await warm(a, articlePath);
    await warm(b, articlePath);

    // Approved by a moderator from the command line: a third process, which tells the nodes.
    const approve = runGazette(['replies', 'approve', String(held.id)], {
      DATABASE_URL: schema.databaseUrl,
      SITE_SECRET: TEST_SITE_SECRET,
    });
    expect(await approve.exited, approve.output()).toBe(0);
    const onB = await seenWithin(b, articlePath, `id="reply-${held.id}"`);
    const onA = await seenWithin(a, articlePath, `id="reply-${held.id}"`);
    console.log(`approval via the CLI seen on node B after ${onB.toFixed(0)} ms, on node A after ${onA.toFixed(0)} ms`);
    expect(onB).toBeLessThan(1000);

    // Now a known author: node A approves the reply itself as it takes it.
    await warm(b, articlePath);
    const known = await postReply(a, { comment: 'Approved at once this time.', author: 'Soo-ah', email: 'sooah@example.org' });
    expect(known.status).toBe('approved');
    const knownOnB = await seenWithin(b, articlePath, `id="reply-${known.id}"`);
    console.log(`reply approved by node A seen on node B after ${knownOnB.toFixed(0)} ms`);
    expect(knownOnB).toBeLessThan(1000);
  });

  it('shows site settings saved through one node on every page of the other within a second', async () => {
    // An administrator's browser session, made in the database both nodes read.
    const admin = await site.accounts.create({
      email: 'site.admin@newsroom.example',
      name: 'Site Admin',
      role: 'administrator',
      password: 'correct horse battery staple',
    });
    const { token, signedIn } = await site.accounts.startSession(admin, { ip: '127.0.0.1', userAgent: 'two-nodes test' });
    await warm(a, '/');
    await warm(b, '/');
    await warm(b, articlePath);

    const form = new URLSearchParams({
      _csrf: signedIn.csrfToken,
      title: 'The Two-Node Ledger',
      description: 'Saved on node A.',
      navigation: 'About | /articles/about',
      language: 'ko',
      timeZone: 'Asia/Seoul',
    });
    const saved = await fetch(`${a.url}/admin/settings/site`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gazette_session=${token}`, 'sec-fetch-site': 'same-origin' },
      body: form.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(5000),
    });
    expect(saved.status).toBe(303);
    const onB = await seenWithin(b, '/', '<title>The Two-Node Ledger</title>');
    const articleOnB = await seenWithin(b, articlePath, '<html lang="ko">');
    console.log(
      `site settings saved on node A seen on node B's front page after ${onB.toFixed(0)} ms, its article after ${articleOnB.toFixed(0)} ms`,
    );
    expect(onB).toBeLessThan(1000);
    expect((await get(b, '/')).body).toContain('<a href="/articles/about">About</a>');
    const [entry] = await site.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'settings.site', actor: { name: 'Site Admin' } });
  });

  it('publishes a scheduled article exactly once, on every node’s front page within a second', async () => {
    const listener = new pg.Client({ connectionString: testEnv.postgresUrl });
    await listener.connect();
    const announcements: number[] = [];
    listener.on('notification', (n) => {
      const event = JSON.parse(n.payload ?? '{}').event;
      if (event?.type === 'article.changed') announcements.push(event.articleId);
    });
    await listener.query(`LISTEN "${relayChannel(site.storage.target, 'postgres')}"`);
    try {
      const publishAt = new Date(Date.now() + 1500);
      const article = await makeArticle(site, {
        headline: 'Ministers meet again in Seoul',
        bodyMarkdown: 'A follow-up meeting.',
        author: { name: 'Desk Writer' },
        section: 'World',
        status: 'scheduled',
        publishedAt: publishAt,
      });
      await warm(a, '/');
      await warm(b, '/');
      expect((await get(a, '/')).body).not.toContain(article.headline);

      const [onA, onB] = await Promise.all([seenWithin(a, '/', article.headline), seenWithin(b, '/', article.headline)]);
      const lateBy = Date.now() - publishAt.getTime();
      console.log(
        `scheduled article on both front pages ${lateBy} ms after its time (A ${onA.toFixed(0)} ms, B ${onB.toFixed(0)} ms of waiting)`,
      );
      expect(lateBy).toBeLessThan(1000 + 500); // a second, plus this test's own polling and fetch time

      // Both schedulers run every 200 ms: give them a dozen more chances to publish it twice.
      const deadline = Date.now() + 2500;
      await waitFor(() => Date.now() > deadline, { timeoutMs: 4000, intervalMs: 100 });
      expect(announcements.filter((id) => id === article.id)).toHaveLength(1);
      expect((await site.articles.findById(article.id))?.status).toBe('published');
    } finally {
      await listener.end();
    }
  });
});
