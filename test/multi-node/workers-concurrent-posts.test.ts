import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { noRelay } from '../../src/relay/index.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

/**
 * One POST on a connection of its own from `localAddress` (anything in 127.0.0.0/8 reaches a
 * server on 127.0.0.1), so each post comes from its own address and the round-robin spreads them
 * over both workers.
 */
function post(url: string, body: unknown, localAddress: string): Promise<{ status: number; text: string }> {
  return send(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** One request on a connection of its own from `localAddress`; resolves with the status, text and cookies. */
function send(
  url: string,
  options: { method: string; localAddress: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method, agent: false, localAddress: options.localAddress, headers: options.headers ?? {}, timeout: 30_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/*
 * Finding 8 of issue 7: two worker processes on one SQLite file answered 503 and 500 to
 * simultaneous posts (SQLITE_BUSY_SNAPSHOT: a deferred transaction read, another process
 * committed, and the upgrade to a write lock could not be granted).
 */
describe('simultaneous posts and sign-ins to `gazette serve --workers 2` on one SQLite file', () => {
  let dir: string;
  let node: ServerProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-workers-posts-'));
    node = await startServer({ DATABASE_URL: join(dir, 'gazette.db'), SITE_URL: 'http://gazette.test' }, { serveArgs: ['--workers', '2'] });
  }, 90_000);

  afterAll(async () => {
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every one of 32 posts from distinct addresses with 201, and stores every one acknowledged', async () => {
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        post(
          `${node.url}/api/articles/${demoArticle.slug}/replies`,
          { comment: `Reader ${i} has a view on the talks.`, author: `Reader ${i}`, email: `reader${i}@example.org`, url: '' },
          `127.0.0.${i + 2}`,
        ),
      ),
    );
    expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    const acknowledged = responses.map((r) => (JSON.parse(r.text) as { reply: { id: number } }).reply.id).sort((a, b) => a - b);

    const file = new Database(join(dir, 'gazette.db'), { readonly: true });
    try {
      const stored = (file.prepare('select id from replies order by id').all() as { id: number }[]).map((r) => r.id);
      expect(stored).toEqual(acknowledged);
    } finally {
      file.close();
    }
  }, 60_000);

  it('stores exactly one of 16 simultaneous posts from one address across both workers, refusing the rest with 429', async () => {
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        post(
          `${node.url}/api/articles/${demoArticle.slug}/replies`,
          { comment: `Burst number ${i}.`, author: `Burst ${i}`, email: `burst${i}@example.org`, url: '' },
          '127.0.1.1',
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(15).fill(429)]);
    const file = new Database(join(dir, 'gazette.db'), { readonly: true });
    try {
      expect(file.prepare("select count(*) as n from replies where ip = '127.0.1.1'").get()).toEqual({ n: 1 });
    } finally {
      file.close();
    }
  }, 60_000);

  it('stores exactly one of 12 identical simultaneous posts from distinct addresses across both workers, refusing the rest with 409', async () => {
    // Flood control off (written by another process, as an operator would), so only the duplicate rule applies.
    const site = createContainer(loadConfig({ DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent' }), { relay: noRelay });
    await site.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    await site.close();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(
          `${node.url}/api/articles/${demoArticle.slug}/replies`,
          { comment: 'One opinion, sent twelve times.', author: 'Copy', email: 'copy@example.org', url: '' },
          `127.0.2.${i + 1}`,
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array<number>(11).fill(409)]);
    const file = new Database(join(dir, 'gazette.db'), { readonly: true });
    try {
      expect(file.prepare("select count(*) as n from replies where author_name = 'Copy'").get()).toEqual({ n: 1 });
    } finally {
      file.close();
    }
  }, 60_000);

  it('checks no more than five of 20 simultaneous wrong passwords for one account from one address across both workers', async () => {
    const site = createContainer(loadConfig({ DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent' }), { relay: noRelay });
    await site.accounts.create({
      email: 'guarded@newsroom.example',
      name: 'Guarded Editor',
      role: 'editor',
      password: 'correct horse battery staple',
    });
    await site.close();
    const localAddress = '127.0.3.1';
    // The sign-in form's double-submit token: one signed cookie and the same value in the form.
    const page = await send(`${node.url}/admin/sign-in`, { method: 'GET', localAddress });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const cookie = page.cookies.map((c) => c.split(';')[0]).join('; ');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(`${node.url}/admin/sign-in`, {
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/html' },
          body: new URLSearchParams({ _csrf: token, email: 'guarded@newsroom.example', password: `wrong guess number ${i}` }).toString(),
        }),
      ),
    );
    // 422: the password was checked and was wrong; 429: refused before any check.
    expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(5).fill(422), ...Array<number>(15).fill(429)]);
  }, 90_000);
});
