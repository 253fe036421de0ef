import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gazetteImportDeps } from '../../src/cli/import-gazette.command.js';
import {
  exportSiteToFile,
  ImportFailed,
  importGazetteFile,
  runImport,
  wordpressFormat,
  type GazetteImportDeps,
  type ImporterDeps,
} from '../../src/modules/importers/index.js';
import { createStorage } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/schema.js';
import { sqliteFile } from '../support/databases.js';
import { exportFile, importerDeps, watchingLoadStart, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// An import into a SQLite file that it has to itself loads under a rollback journal instead of the
// write-ahead log (the dialect's `journalForBulkLoad`, issue 9: with the log, which grew to 2.5 GB,
// the full-size import took 8 to 38 % longer), and hands the file back in WAL mode, whatever happens. With another
// connection open, as with a server running, the log stays. `gazette import gazette` does the same.
// PostgreSQL has no such choice.
describe('the journal during an import into a SQLite file', () => {
  let dir: string;
  let site: TestContext;
  const file = () => join(dir, 'site.db');
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-import-journal-'));
    site = await createTestContext(sqliteFile(file()));
  });
  afterEach(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const journalMode = async (db: Kysely<Database> | Transaction<Database>) =>
    (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]!.journal_mode;

  /** The importer's deps, noting the journal mode and whether a log file exists as the load starts. */
  const watched = (seen: { mode: string; log: boolean }[]): ImporterDeps =>
    watchingLoadStart(site.container, async (trx) => void seen.push({ mode: await journalMode(trx), log: existsSync(`${file()}-wal`) }));

  const commented = (id: number, slug: string) => ({ id, slug, comments: [{ id: id * 10 }, { id: id * 10 + 1, parent: id * 10 }] });
  const broken = wxr([{ id: 3, slug: 'broken' }]).replace(
    '<wp:post_name><![CDATA[broken]]></wp:post_name>',
    '<wp:post_name>broken</wp:post_nam>',
  );

  it('loads with a rollback journal and has the write-ahead log back after, also when the import fails', async () => {
    expect(await journalMode(site.storage.db)).toBe('wal');
    const seen: { mode: string; log: boolean }[] = [];
    await runImport(watched(seen), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    expect(seen).toEqual([{ mode: 'delete', log: false }]);
    expect(await journalMode(site.storage.db)).toBe('wal');

    await expect(runImport(watched(seen), wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
    expect(seen[1]).toEqual({ mode: 'delete', log: false });
    expect(await journalMode(site.storage.db)).toBe('wal');
    // What the first import wrote is there; nothing of the failed one is.
    const slugs = await site.storage.db.selectFrom('articles').select('slug').execute();
    expect(slugs.map((a) => a.slug)).toContain('first');
    expect(slugs.map((a) => a.slug)).not.toContain('broken');
  });

  it('keeps statement journals in memory while it loads, sorts on disk for the index builds, and puts the setting back', async () => {
    // SQLite's temp_store: 0 its build's default (files), 1 files, 2 memory.
    const tempStore = async (db: Kysely<Database> | Transaction<Database>) =>
      (await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).rows[0]!.temp_store;
    // Gazette's connections keep them in memory from the start (dialects/sqlite.ts); the import's
    // bracket must not depend on it, so this connection is set back to the build's default.
    expect(await tempStore(site.storage.db)).toBe(2);
    await sql`pragma temp_store = default`.execute(site.storage.db);
    const before = await tempStore(site.storage.db);
    expect(before).toBe(0);
    const loading: number[] = [];
    const sorting: number[] = [];
    const deps = watchingLoadStart(site.container, async (trx) => void loading.push(await tempStore(trx)));
    const watchedSorts: ImporterDeps = {
      ...deps,
      caps: {
        ...deps.caps,
        sortsOnDisk: async (trx) => {
          const back = await deps.caps.sortsOnDisk(trx);
          sorting.push(await tempStore(trx));
          return back;
        },
      },
    };
    await runImport(watchedSorts, wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    expect(loading).toEqual([2]);
    expect(sorting).toEqual([1]);
    expect(await tempStore(site.storage.db)).toBe(before);

    await expect(runImport(watchedSorts, wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
    expect(loading).toEqual([2, 2]);
    expect(await tempStore(site.storage.db)).toBe(before);
  });

  it('keeps the write-ahead log, without waiting, while another connection has the file open', async () => {
    const server = createStorage({ dialect: 'sqlite', file: file() });
    try {
      await server.db.selectFrom('articles').select('id').execute();
      const seen: { mode: string; log: boolean }[] = [];
      const started = Date.now();
      await runImport(watched(seen), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
      expect(seen).toEqual([{ mode: 'wal', log: true }]);
      // The busy timeout the switch asked with is back to the connection's own.
      expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(site.storage.db)).rows[0]!.timeout).toBe(5000);
      // The busy file was not waited for (the connection's busy timeout is 5 s).
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await journalMode(site.storage.db)).toBe('wal');
      // The other connection reads what the import committed.
      const replies = await server.db.selectFrom('replies').select('id').execute();
      expect(replies).toHaveLength(2);
    } finally {
      await server.db.destroy();
    }
  });

  it('reads a Gazette export back under a rollback journal too, and has the log back after', async () => {
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    const c = site.container;
    const exported = join(dir, 'site.jsonl');
    const emails = await c.replies.commenterEmails();
    await exportSiteToFile(
      { db: c.storage.db, clock: c.clock, site: { title: c.config.siteTitle, url: c.config.siteUrl }, emails },
      exported,
    );

    const target = await createTestContext(sqliteFile(join(dir, 'other.db')));
    try {
      const t = target.container;
      const seen: string[] = [];
      const deps: GazetteImportDeps = {
        ...gazetteImportDeps(t),
        articleWriter: {
          importArticle: async (input, actor, options) => {
            seen.push(await journalMode(options!.within!));
            return t.articleWriter.importArticle(input, actor, options);
          },
        },
      };
      await importGazetteFile(deps, exported);
      expect(seen).toEqual(['delete']);
      expect(await journalMode(t.storage.db)).toBe('wal');
      expect(await t.storage.db.selectFrom('replies').select('id').execute()).toHaveLength(2);
    } finally {
      await target.close();
    }
  });
});
