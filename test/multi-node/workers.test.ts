import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { noRelay } from '../../src/relay/index.js';
import { waitFor } from '../support/wait-for.js';
import { startServer, runGazette, type ServerProcess } from '../support/server-process.js';
import { personFormTokenSignedWith } from '../support/http.js';
import { TEST_SITE_SECRET } from '../support/test-app.js';

/**
 * One HTTP exchange on a connection of its own (no keep-alive), so the cluster's round-robin
 * hands successive requests to different workers.
 */
function exchange(url: string, method = 'GET', body?: string): Promise<{ status: number; cache?: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent: false, headers: body ? { 'content-type': 'application/json' } : {}, timeout: 5000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: res.headers['x-cache'] as string | undefined, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The primary's worker processes (its other children, such as tsx's esbuild service, left out). */
function workerPids(primary: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('cli/index.ts serve'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return [];
  }
}

describe('`gazette serve --workers 2` on one SQLite file', () => {
  let dir: string;
  let node: ServerProcess;
  const article = `/articles/${demoArticle.slug}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-workers-'));
    node = await startServer(
      { DATABASE_URL: join(dir, 'gazette.db'), SITE_URL: 'http://gazette.test', SITE_SECRET: TEST_SITE_SECRET },
      { serveArgs: ['--workers', '2'] },
    );
    await waitFor(() => workerPids(node.child.pid!).length === 2, { timeoutMs: 20_000, message: 'two workers did not start' });
    // Every post here comes from 127.0.0.1; flood control keys on the address.
    const site = createContainer(
      loadConfig({ DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent', SITE_SECRET: TEST_SITE_SECRET }),
      { relay: noRelay },
    );
    await site.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    await site.close();
  }, 90_000);

  afterAll(async () => {
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every worker’s page cache in step, and replaces a worker that dies', async () => {
    // Warm both workers' caches, then every answer is a hit.
    await waitFor(
      async () => (await Promise.all([1, 2, 3, 4].map(() => exchange(`${node.url}${article}`)))).every((r) => r.cache === 'hit'),
      {
        timeoutMs: 10_000,
        message: 'the workers never both cached the page',
      },
    );

    // A reply posted through whichever worker takes it: auto-approved once its author is known.
    const post = (comment: string) =>
      exchange(
        `${node.url}/api/articles/${demoArticle.slug}/replies`,
        'POST',
        JSON.stringify({ comment, author: 'Yoon', email: 'yoon@example.org', url: '', ...personFormTokenSignedWith(TEST_SITE_SECRET) }),
      );
    const first = await post('First reply, held for moderation.');
    expect(first.status).toBe(201);
    // The CLI approves it: another process writing to the same file.
    const approve = runGazette(['replies', 'approve', String(JSON.parse(first.text).reply.id)], {
      DATABASE_URL: join(dir, 'gazette.db'),
      SITE_SECRET: TEST_SITE_SECRET,
    });
    expect(await approve.exited, approve.output()).toBe(0);
    const after = await Promise.all([1, 2, 3, 4, 5, 6].map(() => exchange(`${node.url}${article}`)));
    expect(after.every((r) => r.text.includes('First reply, held for moderation.'))).toBe(true);

    const second = await post('Second reply, approved at once.');
    expect(JSON.parse(second.text).reply.status).toBe('approved');
    const again = await Promise.all([1, 2, 3, 4, 5, 6].map(() => exchange(`${node.url}${article}`)));
    expect(again.every((r) => r.text.includes('Second reply, approved at once.'))).toBe(true);

    // A worker dies; the primary starts another, and the site keeps answering.
    const [victim] = workerPids(node.child.pid!);
    process.kill(victim!, 'SIGKILL');
    await waitFor(
      () => {
        const pids = workerPids(node.child.pid!);
        return pids.length === 2 && !pids.includes(victim!);
      },
      { timeoutMs: 20_000, message: 'the dead worker was not replaced' },
    );
    await waitFor(async () => (await Promise.all([1, 2, 3, 4].map(() => exchange(`${node.url}/`)))).every((r) => r.status === 200), {
      timeoutMs: 15_000,
      message: 'the site did not answer from both workers again',
    });
  }, 50_000);
});
