import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait-for.js';
import { createSiteFile, type SiteFile } from '../support/site-file.js';

const KILLS = 20;
const POSTERS = 6;

/**
 * "Nothing acknowledged is ever lost", the hostile version of test/durability/crash.test.ts: 20
 * SIGKILLs at random moments while several posters stream replies into a real server on a SQLite
 * file, a restart after each. Then the file is sound (`PRAGMA integrity_check`) and every reply
 * that got its answer (201) is stored exactly once. Replies in flight at a kill may or may not be
 * stored (the reader never heard back), but never twice, and never half.
 */
describe('a crash loop under a stream of replies (SQLite file)', () => {
  let site: SiteFile;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    site = await createSiteFile('crash-loop');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    site?.remove();
  });

  it('keeps every acknowledged reply exactly once across 20 kills, and the file sound', async () => {
    /** Reply text → id the server answered with. The text is unique per attempt. */
    const acknowledged = new Map<string, number>();
    let attempts = 0;
    const seededRandom = (() => {
      // A fixed seed: a failure can be run again as it happened.
      let x = 0x9e3779b9;
      return () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return (x >>> 0) / 2 ** 32;
      };
    })();

    for (let kill = 0; kill < KILLS; kill++) {
      server = await startServer(
        { DATABASE_URL: site.file, OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' },
        { fromBuild: true, timeoutMs: 30_000 },
      );
      const url = `${server.url}/api/articles/${demoArticle.slug}/replies`;
      let running = true;
      const poster = async (p: number) => {
        while (running) {
          const text = `Crash loop reply ${kill}-${p}-${attempts++}`;
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ comment: text, author: `Poster ${p}`, email: `poster-${p}-${kill}@example.org` }),
            });
            if (response.status === 201) acknowledged.set(text, ((await response.json()) as { reply: { id: number } }).reply.id);
            else await response.arrayBuffer();
          } catch {
            // The server died under this request: not acknowledged, so no promise was made.
            return;
          }
        }
      };
      const posters = Array.from({ length: POSTERS }, (_, p) => poster(p));
      // A random moment: after some replies have been acknowledged in this life, 0 to 400 ms on.
      const ackedBefore = acknowledged.size;
      await waitFor(() => acknowledged.size >= ackedBefore + 5, {
        timeoutMs: 15_000,
        intervalMs: 5,
        message: 'the server acknowledged no replies',
      });
      // The moment of the kill is what is random here, not a wait for something to happen.
      await new Promise((r) => setTimeout(r, Math.floor(seededRandom() * 400)));
      await server.stop('SIGKILL');
      running = false;
      await Promise.all(posters);
      server = undefined;
    }

    expect(acknowledged.size).toBeGreaterThan(KILLS * 5);
    const db = new SqliteDatabase(site.file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare("select id, body from replies where body like 'Crash loop reply %'").all() as { id: number; body: string }[];
      const byText = new Map<string, number[]>();
      for (const row of rows) byText.set(row.body, [...(byText.get(row.body) ?? []), row.id]);
      const lost = [...acknowledged.keys()].filter((text) => !byText.has(text));
      const twice = [...byText].filter(([, ids]) => ids.length > 1).map(([text]) => text);
      const wrongId = [...acknowledged].filter(([text, id]) => byText.get(text)?.[0] !== id);
      expect(lost).toEqual([]);
      expect(twice).toEqual([]);
      expect(wrongId).toEqual([]);
    } finally {
      db.close();
    }
  });
});
