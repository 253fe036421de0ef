import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFailed, runImport, wordpressFormat } from '../../src/modules/importers/index.js';
import { testDatabases } from '../support/databases.js';
import { exportFile, importerDeps, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// A site moving in loads its replies with the table's plain indexes set aside and builds them once
// at the end (reply-bulk-load.ts): they must come back exactly as they were, whatever happens.
describe.each(testDatabases)('replies indexes during an import on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
  });
  afterEach(async () => {
    await site.close();
  });

  const plainIndexes = () => site.storage.db.transaction().execute((trx) => site.storage.caps.plainIndexes(trx, 'replies'));
  const commented = (id: number, slug: string) => ({ id, slug, comments: [{ id: id * 10 }, { id: id * 10 + 1, parent: id * 10 }] });

  it('sets the plain indexes aside while an empty table is loaded, and builds them again as they were', async () => {
    const before = await plainIndexes();
    expect(before.map((i) => i.name)).toContain('replies_article_status');
    await site.storage.db.transaction().execute(async (trx) => {
      const deferred = await site.container.replies.deferIndexesForImport({ within: trx });
      expect(deferred.count).toBe(before.length);
      expect(await site.storage.caps.plainIndexes(trx, 'replies')).toEqual([]);
      await deferred.restore();
    });
    expect(await plainIndexes()).toEqual(before);
  });

  it('leaves the indexes of a table that already holds replies alone', async () => {
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([commented(1, 'first')])));
    await site.storage.db.transaction().execute(async (trx) => {
      const deferred = await site.container.replies.deferIndexesForImport({ within: trx });
      expect(deferred.count).toBe(0);
      expect((await site.storage.caps.plainIndexes(trx, 'replies')).length).toBeGreaterThan(0);
    });
  });

  it('has every index back after an import into an empty site, and after one that failed', async () => {
    const before = await plainIndexes();
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([commented(1, 'first'), commented(2, 'second')])));
    expect(await plainIndexes()).toEqual(before);

    const fresh = await createTestContext(database);
    const indexesOfFresh = () => fresh.storage.db.transaction().execute((trx) => fresh.storage.caps.plainIndexes(trx, 'replies'));
    try {
      const freshBefore = await indexesOfFresh();
      const broken = wxr([commented(3, 'third'), { id: 4, slug: 'broken' }]).replace(
        '<wp:post_name><![CDATA[broken]]></wp:post_name>',
        '<wp:post_name>broken</wp:post_nam>',
      );
      await expect(runImport(importerDeps(fresh.container), wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
      expect(await indexesOfFresh()).toEqual(freshBefore);
    } finally {
      await fresh.close();
    }
  });
});
