import { sql, type Kysely, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFailed, runImport, wordpressFormat, type ImporterDeps } from '../../src/modules/importers/index.js';
import type { Database } from '../../src/storage/schema.js';
import { testDatabases } from '../support/databases.js';
import { exportFile, watchingLoadStart, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// An import narrows SQLite's page cache while it loads (the dialect's `narrowCacheForBulkLoad`,
// issue 9: the import's memory) and must hand the connection back with the serving cache, whatever
// happens. PostgreSQL keeps its pages in the server: nothing to narrow or to check there.
describe.each(testDatabases.filter((d) => d.name === 'sqlite'))('the page cache during an import on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
  });
  afterEach(async () => {
    await site.close();
  });

  /** The page cache's size in KiB (SQLite gives it negative when set in KiB). */
  const cacheKib = async (db: Kysely<Database> | Transaction<Database>) =>
    Math.abs((await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]!.cache_size);

  /** The importer's deps, noting the page cache as the load starts. */
  const watched = (seen: number[]): ImporterDeps => watchingLoadStart(site.container, async (trx) => void seen.push(await cacheKib(trx)));

  const commented = (id: number, slug: string) => ({ id, slug, comments: [{ id: id * 10 }, { id: id * 10 + 1, parent: id * 10 }] });

  /** A site whose operator chose a larger serving cache (SQLITE_CACHE_MB=64), as this connection would have it. */
  const servingCacheKib = async (kib: number) => {
    await sql.raw(`pragma cache_size = -${kib}`).execute(site.storage.db);
    return cacheKib(site.storage.db);
  };

  it('loads with a smaller page cache and has the serving one back after, also when the import fails', async () => {
    const serving = await servingCacheKib(65_536);
    expect(serving).toBe(65_536);
    const seen: number[] = [];
    await runImport(watched(seen), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(16_384);
    expect(await cacheKib(site.storage.db)).toBe(serving);

    const broken = wxr([commented(2, 'second'), { id: 3, slug: 'broken' }]).replace(
      '<wp:post_name><![CDATA[broken]]></wp:post_name>',
      '<wp:post_name>broken</wp:post_nam>',
    );
    await expect(runImport(watched(seen), wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
    expect(seen[1]).toBe(16_384);
    expect(await cacheKib(site.storage.db)).toBe(serving);
  });

  it('never widens a serving cache that is already as small (the 16 MB default) or smaller', async () => {
    expect(await cacheKib(site.storage.db)).toBe(16_384);
    const seen: number[] = [];
    await runImport(watched(seen), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    const small = await servingCacheKib(8_192);
    await runImport(watched(seen), wordpressFormat, exportFile(wxr([commented(2, 'second')])));
    expect(seen).toEqual([16_384, 8_192]);
    expect(await cacheKib(site.storage.db)).toBe(small);
  });
});
