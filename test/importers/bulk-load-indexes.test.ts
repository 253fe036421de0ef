import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFailed, runImport, wordpressFormat } from '../../src/modules/importers/index.js';
import { setIndexesAsideForImport } from '../../src/modules/importers/run-import.js';
import type { Database } from '../../src/storage/schema.js';
import { testDatabases } from '../support/databases.js';
import { exportFile, importerDeps, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// A site moving in loads its replies, articles and old-link map with each table's plain indexes
// set aside and builds them once at the end (storage/bulk-load-indexes.ts): they must come back
// exactly as they were, whatever happens.
const loadedTables = ['replies', 'articles', 'legacy_keys'] as const;

describe.each(testDatabases)('plain indexes during an import on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
  });
  afterEach(async () => {
    await site.close();
  });

  const indexesOf = (context: TestContext) =>
    context.storage.db.transaction().execute(async (trx) => {
      const all = {} as Record<(typeof loadedTables)[number], { name: string; create: string }[]>;
      for (const table of loadedTables) all[table] = await context.storage.caps.plainIndexes(trx, table);
      return all;
    });
  // What runImport sets aside, in its order (replies, articles, the old-link map).
  const deferAsAnImportDoes = (trx: Transaction<Database>) => setIndexesAsideForImport(importerDeps(site.container), trx);
  const commented = (id: number, slug: string) => ({ id, slug, comments: [{ id: id * 10 }, { id: id * 10 + 1, parent: id * 10 }] });

  it('sets each empty table’s plain indexes aside while it is loaded, and builds them again as they were', async () => {
    const before = await indexesOf(site);
    expect(before.replies.map((i) => i.name)).toContain('replies_article_status');
    expect(before.articles.map((i) => i.name)).toContain('articles_listing');
    expect(before.legacy_keys.map((i) => i.name)).toEqual(['legacy_keys_target']);
    await site.storage.db.transaction().execute(async (trx) => {
      const deferred = await deferAsAnImportDoes(trx);
      expect(deferred.map((d) => d.count)).toEqual(loadedTables.map((table) => before[table].length));
      for (const table of loadedTables) expect(await site.storage.caps.plainIndexes(trx, table)).toEqual([]);
      for (const d of deferred) await d.restore();
    });
    expect(await indexesOf(site)).toEqual(before);
  });

  it('leaves the indexes of tables that already hold rows alone', async () => {
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    await site.storage.db.transaction().execute(async (trx) => {
      const deferred = await deferAsAnImportDoes(trx);
      expect(deferred.map((d) => d.count)).toEqual([0, 0, 0]);
      for (const table of loadedTables) expect((await site.storage.caps.plainIndexes(trx, table)).length).toBeGreaterThan(0);
    });
  });

  it('has every index back after an import into an empty site, and after one that failed', async () => {
    const before = await indexesOf(site);
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([commented(1, 'first'), commented(2, 'second')])));
    expect(await indexesOf(site)).toEqual(before);

    const fresh = await createTestContext(database);
    try {
      const freshBefore = await indexesOf(fresh);
      const broken = wxr([commented(3, 'third'), { id: 4, slug: 'broken' }]).replace(
        '<wp:post_name><![CDATA[broken]]></wp:post_name>',
        '<wp:post_name>broken</wp:post_nam>',
      );
      await expect(runImport(importerDeps(fresh.container), wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
      expect(await indexesOf(fresh)).toEqual(freshBefore);
    } finally {
      await fresh.close();
    }
  });
});
