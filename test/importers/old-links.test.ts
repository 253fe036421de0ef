import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLegacyKey } from '../../src/modules/importers/legacy-keys.queries.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const actor = { id: null, name: 'old-links test' };

describe.each(testDatabases)('old links of an imported WordPress site on $name', (database) => {
  let t: TestApp;
  let renamedId: number;

  beforeAll(async () => {
    t = await createTestApp(database);
    const db = t.storage.db;
    const hello = await makeArticle(t.container, { slug: 'hello-world', headline: 'Hello world', section: 'Politics' });
    await saveLegacyKey(db, 'wp-post', '12', hello.id);
    await saveLegacyKey(db, 'wp-slug', 'hello-world', hello.id);
    await saveLegacyKey(db, 'wp-path', '/2020/01/02/hello-world', hello.id);

    const salam = await makeArticle(t.container, { slug: 'salam-story', headline: 'Salam' });
    await saveLegacyKey(db, 'wp-slug', 'سلام', salam.id);
    await saveLegacyKey(db, 'wp-path', '/2020/01/02/سلام', salam.id);

    const custom = await makeArticle(t.container, { slug: 'custom-story-here', headline: 'Custom' });
    await saveLegacyKey(db, 'wp-path', '/news/2019/custom-story', custom.id);

    const about = await makeArticle(t.container, { slug: 'about', headline: 'About us', kind: 'page' });
    await saveLegacyKey(db, 'wp-post', '7', about.id);

    const renamed = await makeArticle(t.container, { slug: 'old-name', headline: 'Renamed' });
    renamedId = renamed.id;
    await saveLegacyKey(db, 'wp-post', '30', renamed.id);
    await saveLegacyKey(db, 'wp-slug', 'old-name', renamed.id);

    const draft = await makeArticle(t.container, { slug: 'draft-story', status: 'draft', publishedAt: null });
    await saveLegacyKey(db, 'wp-slug', 'draft-story', draft.id);
    const unpublished = await makeArticle(t.container, { slug: 'unpublished-story' });
    await t.container.articleWriter.changeStatus(unpublished.id, 'unpublish', actor);
    await saveLegacyKey(db, 'wp-slug', 'unpublished-story', unpublished.id);
    const trashed = await makeArticle(t.container, { slug: 'trashed-story' });
    await t.container.articleWriter.changeStatus(trashed.id, 'trash', actor);
    await saveLegacyKey(db, 'wp-slug', 'trashed-story', trashed.id);
    const future = new Date(t.clock.now().getTime() + 86_400_000);
    const laterPage = await makeArticle(t.container, { slug: 'later-page', kind: 'page', status: 'scheduled', publishedAt: future });
    await saveLegacyKey(db, 'wp-post', '50', laterPage.id);

    const idOf = async (table: 'sections' | 'tags' | 'authors', slug: string) =>
      (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    await saveLegacyKey(db, 'wp-category', 'old-politics', await idOf('sections', 'politics'));
    await saveLegacyKey(db, 'wp-tag', 'wp-testing', await idOf('tags', 'testing'));
    await saveLegacyKey(db, 'wp-author', 'jdoe', await idOf('authors', 'test-writer'));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Asserts a 301 to exactly `location`. */
  async function expectRedirect(url: string, location: string, method: 'GET' | 'HEAD' = 'GET') {
    const res = await t.app.inject({ method, url });
    expect({ url, status: res.statusCode, location: res.headers.location }).toEqual({ url, status: 301, location });
  }

  async function expectNotFound(url: string) {
    const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
    expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
  }

  it('redirects ?p=ID, ?page_id=ID and /index.php?p=ID to the article or page', async () => {
    await expectRedirect('/?p=12', '/articles/hello-world');
    await expectRedirect('/?page_id=7', '/articles/about');
    await expectRedirect('/index.php?p=12', '/articles/hello-world');
    await expectRedirect('/?p=12', '/articles/hello-world', 'HEAD');
  });

  it('redirects ?feed=rss2 and ?feed=atom to the site feeds, and ?p=ID&feed=rss2 to that article’s reply feed', async () => {
    await expectRedirect('/?feed=rss2', '/feed.xml');
    await expectRedirect('/?feed=atom', '/atom.xml');
    await expectRedirect('/?feed=comments-rss2', '/replies/feed.xml');
    await expectRedirect('/?p=12&feed=rss2', '/articles/hello-world/replies/feed.xml');
  });

  it('leaves the front page as it was for a ?p= that names nothing public', async () => {
    for (const url of ['/?p=999', '/?p=50', '/?p=abc', '/?feed=nonsense']) {
      const res = await t.app.inject(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    }
  });

  it('redirects a day-and-name permalink by its exact old path, with or without the trailing slash', async () => {
    await expectRedirect('/2020/01/02/hello-world/', '/articles/hello-world');
    await expectRedirect('/2020/01/02/hello-world', '/articles/hello-world');
    await expectRedirect('/index.php/2020/01/02/hello-world/', '/articles/hello-world');
  });

  it('redirects a month-and-name or post-name permalink by its last segment as the old slug', async () => {
    await expectRedirect('/2020/01/hello-world/', '/articles/hello-world');
    await expectRedirect('/hello-world/', '/articles/hello-world');
    await expectRedirect('/Hello-World', '/articles/hello-world');
  });

  it('redirects a custom permalink structure by its exact old path', async () => {
    await expectRedirect('/news/2019/custom-story/', '/articles/custom-story-here');
  });

  it('redirects percent-encoded non-Latin slugs, in lower- and upper-case hex', async () => {
    await expectRedirect('/2020/01/02/%d8%b3%d9%84%d8%a7%d9%85/', '/articles/salam-story');
    await expectRedirect('/2020/01/02/%D8%B3%D9%84%D8%A7%D9%85', '/articles/salam-story');
    await expectRedirect('/%D8%B3%D9%84%D8%A7%D9%85/', '/articles/salam-story');
  });

  it('redirects the AMP view, comment pages and paged posts to the article', async () => {
    await expectRedirect('/hello-world/amp/', '/articles/hello-world');
    await expectRedirect('/2020/01/02/hello-world/comment-page-2/', '/articles/hello-world');
    await expectRedirect('/2020/01/02/hello-world/page/2/', '/articles/hello-world');
  });

  it('redirects /category/x/ and /category/parent/child/ to the section page', async () => {
    await expectRedirect('/category/old-politics/', '/section/politics');
    await expectRedirect('/category/news/old-politics/', '/section/politics');
    await expectRedirect('/category/politics/', '/section/politics');
  });

  it('redirects an old tag slug to the tag page, while Gazette’s own /tag/<slug> answers as before', async () => {
    await expectRedirect('/tag/wp-testing/', '/tag/testing');
    await expectRedirect('/tag/wp-testing', '/tag/testing');
    await expectRedirect('/tag/testing/', '/tag/testing');
    const own = await t.app.inject('/tag/testing');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Hello world');
    await expectNotFound('/tag/no-such-tag');
  });

  it('redirects /author/<login>/ to the author page', async () => {
    await expectRedirect('/author/jdoe/', '/author/test-writer');
    await expectRedirect('/author/jdoe', '/author/test-writer');
    expect((await t.app.inject('/author/test-writer')).statusCode).toBe(200);
    await expectNotFound('/author/nobody');
  });

  it('redirects /feed/, /feed/rss2/ and /feed/atom/ to the site feeds, and /comments/feed/ to the site replies feed', async () => {
    await expectRedirect('/feed/', '/feed.xml');
    await expectRedirect('/feed/rss2/', '/feed.xml');
    await expectRedirect('/feed/atom/', '/atom.xml');
    await expectRedirect('/comments/feed/', '/replies/feed.xml');
  });

  it('redirects an article’s /feed/ to its reply feed', async () => {
    await expectRedirect('/hello-world/feed/', '/articles/hello-world/replies/feed.xml');
    await expectRedirect('/2020/01/02/hello-world/feed/', '/articles/hello-world/replies/feed.xml');
    await expectRedirect('/2020/01/02/hello-world/feed/atom/', '/articles/hello-world/replies/feed.xml');
  });

  it('follows a rename made after the import', async () => {
    await expectRedirect('/?p=30', '/articles/old-name');
    await makeArticle(t.container, { slug: 'new-name', headline: 'Renamed', replaces: renamedId });
    await expectRedirect('/?p=30', '/articles/new-name');
    await expectRedirect('/old-name/', '/articles/new-name');
  });

  it('answers a draft, an unpublished or trashed article and a page not yet public with a plain 404', async () => {
    for (const url of ['/draft-story/', '/unpublished-story/', '/trashed-story/', '/2020/05/draft-story', '/draft-story/feed/']) {
      await expectNotFound(url);
    }
    expect((await t.app.inject('/?p=50')).headers.location).toBeUndefined();
  });

  it('keeps a 404 for what names nothing, and never redirects a POST or Gazette’s own areas', async () => {
    await expectNotFound('/no-such-thing/');
    expect((await t.app.inject({ method: 'POST', url: '/hello-world/' })).statusCode).toBe(404);
    const api = await t.app.inject('/api/hello-world');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('answers hostile paths with a 4xx, never a 5xx or a redirect', async () => {
    const hostile = [
      '/' + 'a'.repeat(10_240),
      '/' + 'a/'.repeat(5000),
      '/%zz/',
      '/2020/%ff%fe/',
      '/%00/',
      '/hello%00world/',
      '/%ED%A0%80/',
      '/%C0%AE%C0%AE/%C0%AE%C0%AE/',
      '/..%2F..%2Fetc%2Fpasswd',
      '/tag/%zz/',
      '/author/%00',
      '/?p=%zz',
      '/?p=1e20',
      '/?p=99999999999999999999999',
      '/?page_id=-1',
      '/?feed=%00',
      '/category/%E0%A4%A/',
      `/${'%d8%b3'.repeat(1500)}/`,
    ];
    for (const url of hostile) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect({ url: url.slice(0, 60), fine: res.statusCode < 500 && res.statusCode !== 301 }).toEqual({
        url: url.slice(0, 60),
        fine: true,
      });
    }
    // What the router refuses first (a broken escape: 400) or the text guard (a NUL: 422) never gets here; the rest is a 404.
    for (const url of ['/' + 'a'.repeat(10_240), '/' + 'a/'.repeat(5000), '/..%2F..%2Fetc%2Fpasswd', `/${'%d8%b3'.repeat(1500)}/`]) {
      await expectNotFound(url);
    }
  });

  it('resolves to typed targets the web layer turns into addresses', async () => {
    expect(await t.container.oldLinks.resolve('/?p=12')).toEqual({ kind: 'article', slug: 'hello-world' });
    expect(await t.container.oldLinks.resolve('/feed/atom/')).toEqual({ kind: 'site-feed', format: 'atom' });
    expect(await t.container.oldLinks.resolve('/category/old-politics')).toEqual({ kind: 'section', slug: 'politics' });
    expect(await t.container.oldLinks.resolve('hello-world')).toBeUndefined();
  });
});
