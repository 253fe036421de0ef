import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFailed, runImport, wordpressFormat } from '../../src/modules/importers/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { exportFile, importerDeps, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

// A site moving in into empty tables has its search indexes built once at the end of the import
// (FullText.deferIndexingForBulkLoad) instead of row by row. Whatever happens, search must find
// what was imported, keep finding what is written after, and the upkeep must be back as it was.
describe.each(testDatabases)('the search index during an import on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
  });
  afterEach(async () => {
    await site.close();
  });

  const isSqlite = database.name === 'sqlite';
  /** The triggers that keep SQLite's FTS5 indexes (none on PostgreSQL, whose GIN indexes keep themselves). */
  const searchTriggers = async (db = site.storage.db) =>
    isSqlite
      ? (
          await sql<{
            name: string;
            sql: string;
          }>`select name, sql from sqlite_master where type = 'trigger' and name like '%search%' order by name`.execute(db)
        ).rows
      : [];
  /** FTS5's own check that each index holds exactly what its table does (rank 1: against the table's content). */
  const checkIndexes = async () => {
    if (!isSqlite) return;
    for (const index of ['reply_search', 'article_search'])
      await sql`insert into ${sql.id(index)} (${sql.id(index)}, rank) values ('integrity-check', 1)`.execute(site.storage.db);
  };
  const titles = async (q: string) => (await site.container.search.articles(q)).hits.map((h) => h.headline);
  const replies = async (q: string) => (await site.container.desk.list({ status: 'approved', search: q })).map((r) => r.body);
  const story = (id: number, words: string, comment: string) => ({
    id,
    slug: `story-${id}`,
    title: `Story ${id}`,
    content: `<p>${words}</p>`,
    comments: [
      { id: id * 10, content: comment },
      { id: id * 10 + 1, parent: id * 10, content: `Agreed with number ${id * 10}.` },
    ],
  });

  it('finds what an import into an empty site wrote, and what is written and edited after it', async () => {
    const before = await searchTriggers();
    if (isSqlite) expect(before.map((t) => t.name)).toContain('reply_search_insert');
    // The featured image comes after its article: the article is saved again within the import.
    const items = [
      { ...story(1, 'The pelicans came back to the harbour.', 'Quokkas everywhere'), thumbnailId: 3 },
      story(2, 'A lighthouse keeper retires.', 'Wombats at dusk'),
      { id: 3, type: 'attachment', attachmentUrl: 'https://courier.example/wp-content/uploads/pelican.jpg' },
    ];
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr(items)));

    expect(await titles('pelican')).toEqual(['Story 1']);
    expect(await titles('lighthouse')).toEqual(['Story 2']);
    expect(await replies('quokka')).toEqual(['Quokkas everywhere']);
    expect(await replies('wombats')).toEqual(['Wombats at dusk']);
    expect(await replies('agreed')).toHaveLength(2);
    expect(await searchTriggers()).toEqual(before);
    await checkIndexes();

    // The upkeep is back: what is written and edited after the import is found, and only as it is now.
    await makeArticle(site.container, { headline: 'Ferries return', bodyMarkdown: 'The albatross is seen again.' });
    const articleId = (await site.container.articles.getPublished('story-1')).id;
    await approvedReply(site.container, replyFields({ articleId, comment: 'Herons nesting by the quay.' }));
    const [imported] = await site.container.desk.list({ status: 'approved', search: 'quokka' });
    await site.container.desk.edit(imported!.id, 'Kangaroos everywhere', 'typo', { kind: 'system', id: null, name: 'test' });
    expect(await titles('albatross')).toEqual(['Ferries return']);
    expect(await replies('heron')).toEqual(['Herons nesting by the quay.']);
    expect(await replies('quokka')).toEqual([]);
    expect(await replies('kangaroo')).toEqual(['Kangaroos everywhere']);
    await checkIndexes();
  });

  it('keeps the row-by-row upkeep while tables that already hold rows are loaded', async () => {
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([story(1, 'Pelicans.', 'Quokkas')])));
    const before = await searchTriggers();
    await site.storage.db.transaction().execute(async (trx) => {
      const build = await site.storage.caps.fullText.deferIndexingForBulkLoad(trx);
      expect(await searchTriggers(trx)).toEqual(before);
      await build();
    });
    // A second import of more posts is found at once, the first one's still.
    await runImport(importerDeps(site.container), wordpressFormat, exportFile(wxr([story(2, 'Lighthouses.', 'Wombats')])));
    expect(await titles('pelican')).toEqual(['Story 1']);
    expect(await titles('lighthouse')).toEqual(['Story 2']);
    expect(await replies('wombats')).toEqual(['Wombats']);
    await checkIndexes();
  });

  it('sets the upkeep of empty tables aside inside the import, and has it back after one that failed', async () => {
    const before = await searchTriggers();
    // Rolled back with the transaction, as a failed import is. Only this rejection is expected: a
    // failed assertion inside the transaction rejects with its own error and fails the test.
    const stop = new Error('stop here');
    await expect(
      site.storage.db.transaction().execute(async (trx) => {
        await site.storage.caps.fullText.deferIndexingForBulkLoad(trx);
        // SQLite: no trigger keeps the indexes of the empty tables while the rows go in.
        if (isSqlite) expect(await searchTriggers(trx)).toEqual(before.filter((t) => !/^(reply|article)_search_/.test(t.name)));
        throw stop;
      }),
    ).rejects.toBe(stop);
    expect(await searchTriggers()).toEqual(before);

    const broken = wxr([story(3, 'Cormorants.', 'Echidnas'), { id: 4, slug: 'broken' }]).replace(
      '<wp:post_name><![CDATA[broken]]></wp:post_name>',
      '<wp:post_name>broken</wp:post_nam>',
    );
    await expect(runImport(importerDeps(site.container), wordpressFormat, exportFile(broken))).rejects.toThrow(ImportFailed);
    expect(await searchTriggers()).toEqual(before);
    await makeArticle(site.container, { headline: 'Cormorant colony', bodyMarkdown: 'Seen from the pier.' });
    expect(await titles('cormorant')).toEqual(['Cormorant colony']);
    await checkIndexes();
  });
});
