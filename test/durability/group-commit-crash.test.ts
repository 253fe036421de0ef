import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { createSiteFile, type SiteFile } from '../support/site-file.js';
import { waitFor } from '../support/wait-for.js';

const KILLS = 3;
const READERS = 24;

/**
 * Group commit (many replies, one transaction, one fsync) under SIGKILL: many distinct readers
 * (each its own address through a trusted proxy, so flood control stays on) post at once, so a
 * batch is always being written; the server is killed in the middle of that, three times. Every
 * reply that was thanked (201) is stored, exactly once and under the id it was given; a reply in a
 * batch that had not committed was never thanked, so losing it breaks no promise.
 */
describe('group commit survives SIGKILL mid-batch (SQLite file)', () => {
  let site: SiteFile;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    site = await createSiteFile('group-commit-crash', (container) =>
      container.discussion.update({ floodIntervalSeconds: 15 }, { kind: 'system', id: null, name: 'test setup' }).then(() => undefined),
    );
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    site?.remove();
  });

  it('keeps every acknowledged reply exactly once across kills in the middle of batches', async () => {
    const acknowledged = new Map<string, number>();
    const batchSizes: number[] = [];
    let attempt = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      server = await startServer({ DATABASE_URL: site.file, TRUST_PROXY: '1', LOG_LEVEL: 'debug', OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' });
      const url = `${server.url}/api/articles/${demoArticle.slug}/replies`;
      let running = true;
      const reader = async () => {
        while (running) {
          const n = attempt++;
          const text = `Group commit reply ${kill}-${n}`;
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${kill}.${(n >> 8) & 255}.${n & 255}` },
              body: JSON.stringify({ comment: text, author: `Reader ${n}`, email: `reader-${kill}-${n}@example.org` }),
            });
            if (response.status === 201) acknowledged.set(text, ((await response.json()) as { reply: { id: number } }).reply.id);
            else throw new Error(`reply ${text} answered ${response.status}: ${await response.text()}`);
          } catch (error) {
            // The server died under this request: never acknowledged, so nothing was promised.
            if (running) throw error;
            return;
          }
        }
      };
      const readers = Array.from({ length: READERS }, () => reader());
      const before = acknowledged.size;
      // Killed while the readers are still posting, so a batch is in its transaction (or its commit).
      await waitFor(() => acknowledged.size >= before + 40 + kill * 25, {
        timeoutMs: 20_000,
        intervalMs: 2,
        message: 'the server acknowledged too few replies',
      });
      running = false;
      await server.stop('SIGKILL');
      await Promise.all(readers);
      for (const match of server.output().matchAll(/"size":(\d+)[^\n]*reply batch committed/g)) batchSizes.push(Number(match[1]));
      server = undefined;
    }

    // Replies did share commits (the point of the test): some batch carried several.
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    const db = new SqliteDatabase(site.file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare("select id, body from replies where body like 'Group commit reply %'").all() as {
        id: number;
        body: string;
      }[];
      const byText = new Map<string, number[]>();
      for (const row of rows) byText.set(row.body, [...(byText.get(row.body) ?? []), row.id]);
      expect([...acknowledged.keys()].filter((text) => !byText.has(text))).toEqual([]);
      expect([...byText].filter(([, ids]) => ids.length > 1).map(([text]) => text)).toEqual([]);
      expect([...acknowledged].filter(([text, id]) => byText.get(text)?.[0] !== id)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
