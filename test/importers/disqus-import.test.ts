import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disqusFormat, runImport, wordpressFormat } from '../../src/modules/importers/index.js';
import { testDatabases } from '../support/databases.js';
import { disqus, exportFile, importerDeps, wxr } from '../support/import-files.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

describe.each(testDatabases)('gazette import disqus on $name', (database) => {
  let site: TestContext;
  beforeEach(async () => {
    site = await createTestContext(database);
    // The articles came from WordPress first: their old links are what Disqus threads name.
    await runImport(
      importerDeps(site.container),
      wordpressFormat,
      exportFile(
        wxr([
          { id: 1, slug: 'ministers-meet', link: 'https://courier.example/2024/10/28/ministers-meet/' },
          { id: 2, slug: 'second-story', link: 'https://courier.example/?p=2' },
        ]),
      ),
    );
  });
  afterEach(async () => {
    await site.close();
  });

  const importDisqus = (text: string) => runImport(importerDeps(site.container), disqusFormat, exportFile(text));
  const db = () => site.storage.db;
  const repliesOfSlug = async (slug: string) => {
    const article = await db().selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    return db().selectFrom('replies').selectAll().where('article_id', '=', article.id).orderBy('id').execute();
  };

  it('attaches threads to the articles of their old links and threads posts whatever their order', async () => {
    const summary = await importDisqus(
      disqus(
        [
          { id: 't1', link: 'http://courier.example/2024/10/28/ministers-meet/' },
          { id: 't2', link: 'https://courier.example/?p=2' },
        ],
        [
          { id: 'p3', thread: 't1', parent: 'p1', message: '<p>Answer that comes first</p>' },
          {
            id: 'p1',
            thread: 't1',
            message: '<p>The first word &amp; more</p><p>Second paragraph</p>',
            email: 'ann@reader.example',
            name: 'Ann',
          },
          { id: 'p2', thread: 't2', message: '<p>On the second story</p>' },
        ],
      ),
    );
    expect(summary.imported.replies).toBe(3);
    const first = await repliesOfSlug('ministers-meet');
    const byAnchor = new Map(first.map((r) => [r.legacy_anchor, r]));
    expect(byAnchor.get('comment-p1')).toMatchObject({
      body: 'The first word & more\n\nSecond paragraph',
      author_name: 'Ann',
      status: 'approved',
      created_at: '2024-10-29T10:00:00.000Z',
    });
    // Stored sealed (issue 13), read back through the replies module.
    expect(await site.container.replies.authorEmail(byAnchor.get('comment-p1')!.id)).toBe('ann@reader.example');
    expect(byAnchor.get('comment-p3')!.parent_id).toBe(byAnchor.get('comment-p1')!.id);
    expect((await repliesOfSlug('second-story')).map((r) => r.body)).toEqual(['On the second story']);
  });

  it('keeps spam and deleted posts as such, and an anonymous reader without an email', async () => {
    await importDisqus(
      disqus(
        [{ id: 't1', link: 'https://courier.example/2024/10/28/ministers-meet/' }],
        [
          { id: 's', thread: 't1', spam: true, message: 'Cheap watches', email: 'spam@bot.example' },
          { id: 'd', thread: 't1', deleted: true, message: 'Regretted' },
          { id: 'a', thread: 't1', anonymous: true, name: 'Passer-by', message: 'No email here' },
        ],
      ),
    );
    const replies = await repliesOfSlug('ministers-meet');
    const emails = await site.container.replies.commenterEmails();
    expect(replies.map((r) => [r.body, r.status, emails.open(r.author_email)])).toEqual([
      ['Cheap watches', 'spam', 'spam@bot.example'],
      ['Regretted', 'trash', ''],
      ['No email here', 'approved', ''],
    ]);
  });

  it('counts posts of a thread that matches no article, and an answer to a post that never appears', async () => {
    const summary = await importDisqus(
      disqus(
        [
          { id: 't1', link: 'https://courier.example/2024/10/28/ministers-meet/' },
          { id: 'tx', link: 'https://elsewhere.example/unknown-page/' },
        ],
        [
          { id: 'x1', thread: 'tx' },
          { id: 'o1', thread: 't1', parent: 'missing' },
        ],
      ),
    );
    expect(summary.skipped.find((s) => s.reason === 'belongs to a thread whose page matches no imported article')?.count).toBe(1);
    expect(summary.adjusted.map((a) => a.reason)).toContain('answers a reply that is not in the file: kept as a reply to the article');
    expect((await repliesOfSlug('ministers-meet')).map((r) => r.parent_id)).toEqual([null]);
  });

  it('duplicates nothing when run twice', async () => {
    const file = disqus(
      [{ id: 't1', link: 'https://courier.example/2024/10/28/ministers-meet/' }],
      [
        { id: 'p1', thread: 't1' },
        { id: 'p2', thread: 't1', parent: 'p1' },
      ],
    );
    await importDisqus(file);
    const again = await importDisqus(file);
    expect(again.unchanged.replies).toBe(2);
    expect(again.imported).toEqual({});
    expect(await repliesOfSlug('ministers-meet')).toHaveLength(2);
  });

  it('writes the same change digests as earlier versions, so their imports re-run as unchanged', async () => {
    // Taken from the build before the copies in imported-replies.ts stopped being spreads (lib/with-fields.ts).
    await importDisqus(
      disqus(
        [{ id: 't1', link: 'https://courier.example/2024/10/28/ministers-meet/' }],
        [
          { id: 'p1', thread: 't1' },
          { id: 'p2', thread: 't1', parent: 'p1' },
        ],
      ),
    );
    const digests = await db()
      .selectFrom('legacy_keys')
      .select(['legacy_id', 'digest'])
      .where('kind', '=', 'disqus-post')
      .orderBy('legacy_id')
      .execute();
    expect(digests).toEqual(PINNED_DISQUS_DIGESTS);
  });

  it('refuses a WordPress export and a malformed file with the line, writing nothing', async () => {
    await expect(importDisqus(wxr([{ id: 9 }]))).rejects.toThrow('this is an RSS file (a WordPress export?)');
    const broken = disqus([{ id: 't1', link: 'https://courier.example/?p=2' }], [{ id: 'p1', thread: 't1' }]).replace('</post>', '</pots>');
    const line = broken.split('\n').findIndex((l) => l.includes('</pots>')) + 1;
    await expect(importDisqus(broken)).rejects.toThrow(new RegExp(`^line ${line}: the XML is malformed`));
    expect(await repliesOfSlug('second-story')).toEqual([]);
  });
});

/** What the build before `withFields` wrote for the posts of the digest test. */
const PINNED_DISQUS_DIGESTS = [
  { legacy_id: 'p1', digest: 'NAhar8uxNBljY9FZDSX4JE' },
  { legacy_id: 'p2', digest: 'rQ5DcibGjPY09jVFikYXgq' },
];
