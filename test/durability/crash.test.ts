import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { migrateToLatest } from '../../src/storage/db.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

// "Nothing acknowledged is ever lost": every reply that got its answer survives the server being
// killed (SIGKILL, no shutdown hook) the instant after the last answer.
describe('a reply that was acknowledged survives a crash (SQLite file)', () => {
  let dir: string;
  let server: ServerProcess;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-crash-'));
    const file = join(dir, 'gazette.db');
    // Every request comes from 127.0.0.1, so flood control (per address) is turned off here.
    const container = createContainer(loadConfig({ DATABASE_URL: file }));
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container.articles);
    await container.settings.updateDiscussion({ floodIntervalSeconds: 0 });
    await container.close();
    server = await startServer({ DATABASE_URL: file });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged reply after SIGKILL', async () => {
    const acknowledged: number[] = [];
    // Distinct senders in parallel, bounded: 40 replies in batches of 8.
    for (let batch = 0; batch < 5; batch++) {
      const results = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const n = batch * 8 + i;
          const response = await fetch(`${server.url}/api/articles/${demoArticle.slug}/replies`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ comment: `Crash-test reply ${n}`, author: `Crash ${n}`, email: `crash-${n}@example.org` }),
          });
          return response.status === 201 ? ((await response.json()) as { reply: { id: number } }).reply.id : undefined;
        }),
      );
      acknowledged.push(...results.filter((id): id is number => id !== undefined));
    }
    await server.stop('SIGKILL');
    expect(acknowledged).toHaveLength(40);
    const db = new SqliteDatabase(join(dir, 'gazette.db'), { readonly: true });
    const stored = new Set((db.prepare('select id from replies').all() as { id: number }[]).map((r) => r.id));
    db.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
