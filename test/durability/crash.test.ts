import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { createSiteFile, type SiteFile } from '../support/site-file.js';

// "Nothing acknowledged is ever lost": every reply that got its answer survives the server being
// killed (SIGKILL, no shutdown hook) the instant after the last answer.
describe('a reply that was acknowledged survives a crash (SQLite file)', () => {
  let site: SiteFile;
  let server: ServerProcess;
  beforeAll(async () => {
    site = await createSiteFile('crash');
    server = await startServer({ DATABASE_URL: site.file });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    site?.remove();
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
    const db = new SqliteDatabase(site.file, { readonly: true });
    const stored = new Set((db.prepare('select id from replies').all() as { id: number }[]).map((r) => r.id));
    db.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  });
});
