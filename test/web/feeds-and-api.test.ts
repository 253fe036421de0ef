import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, replyFields } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;

describe.each(testDatabases)('feeds and the JSON API on $name', (database) => {
  const site = useTestApp(database);

  it('serves well-formed RSS and Atom listing the demo article', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await site.app.inject('/feed.xml');
    expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(XMLValidator.validate(rss.body)).toBe(true);
    const channel = parser.parse(rss.body).rss.channel;
    const item = Array.isArray(channel.item) ? channel.item[0] : channel.item;
    expect(item.title).toBe(demoArticle.headline);
    expect(item.link).toBe(`http://gazette.test/articles/${slug}`);

    const atom = await site.app.inject('/atom.xml');
    expect(XMLValidator.validate(atom.body)).toBe(true);
    expect(parser.parse(atom.body).feed.entry.title).toMatchObject({ '#text': demoArticle.headline });
  });

  it('serves a sitemap index of the front page, sections, articles and tags, and a robots.txt naming it', async () => {
    const locsOf = async (path: string) => {
      const response = await site.app.inject(path);
      expect(response.statusCode, path).toBe(200);
      expect(XMLValidator.validate(response.body), path).toBe(true);
      return [...response.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    };
    const files = await locsOf('/sitemap.xml');
    expect(files).toEqual([
      'http://gazette.test/sitemaps/pages.xml',
      'http://gazette.test/sitemaps/articles-1.xml',
      'http://gazette.test/sitemaps/tags-1.xml',
      'http://gazette.test/sitemaps/news.xml',
    ]);
    const locs = (await Promise.all(files.map((f) => locsOf(f!.replace('http://gazette.test', ''))))).flat();
    expect(locs.slice(0, 3)).toEqual(['http://gazette.test/', 'http://gazette.test/section/world', `http://gazette.test/articles/${slug}`]);
    expect(locs.filter((l) => l!.includes('/tag/')).length).toBeGreaterThan(0);
    expect((await site.app.inject('/robots.txt')).body).toContain('Sitemap: http://gazette.test/sitemap.xml');
  });

  it('serves a JSON Feed 1.1 document with authors and language', async () => {
    const json = await site.app.inject('/feed.json');
    expect(json.headers['content-type']).toMatch(/application\/feed\+json/);
    const body = json.json();
    expect(body.version).toBe('https://jsonfeed.org/version/1.1');
    expect(body.language).toBe('en');
    expect(body.items[0].title).toBe(demoArticle.headline);
    expect(body.items[0].authors).toEqual([{ name: expect.any(String) }]);
    expect(body.items[0].author).toBeUndefined();
  });

  it('lists approved replies in the article reply feed, without emails', async () => {
    const article = await site.container.articles.getPublished(slug);
    await approvedReply(
      site.container,
      replyFields({ articleId: article.id, author: 'Feed Reader', email: 'feed-only@example.org', comment: 'Seen in the feed.' }),
    );
    const feed = await site.app.inject(`/articles/${slug}/replies/feed.xml`);
    expect(feed.statusCode).toBe(200);
    expect(XMLValidator.validate(feed.body)).toBe(true);
    expect(feed.body).toContain('By Feed Reader');
    expect(feed.body).toContain('Seen in the feed.');
    expect(feed.body).not.toContain('feed-only@example.org');
  });

  it('answers API errors as { error: { code, message, field } } with 4xx', async () => {
    const invalid = await site.app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      payload: { comment: '', author: 'A', email: 'bad' },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({
      error: { code: 'invalid', field: 'comment', fields: [{ field: 'comment' }, { field: 'email' }] },
    });
    const missing = await site.app.inject({
      method: 'POST',
      url: '/api/articles/nope/replies',
      payload: { comment: 'x', author: 'A', email: 'a@b.org' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const wrongShape = await site.app.inject({ method: 'POST', url: `/api/articles/${slug}/replies`, payload: { comment: ['x'] } });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error).toMatchObject({ code: 'invalid', field: 'comment' });
  });

  it("posts through the API and returns the reply's HTML for the page", async () => {
    const created = await site.app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      payload: { comment: 'Inline post.', author: 'Jo', email: 'jo@example.org' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.reply).toMatchObject({ status: 'held', author: { name: 'Jo', url: null }, text: 'Inline post.' });
    expect(body.reply.html).toContain('Your comment is awaiting moderation.');
    expect(body.message).toBe('Your comment is awaiting moderation.');
    expect(JSON.stringify(body)).not.toContain('jo@example.org');
    expect(created.cookies.map((c) => c.name)).toContain('gazette_pending');
    const list = await site.app.inject(`/api/articles/${slug}/replies`);
    expect(list.json().replies).toEqual([]);
  });

  it('sends a strict Content-Security-Policy and no third-party origins', async () => {
    const page = await site.app.inject(`/articles/${slug}`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const origins = [...page.body.matchAll(/(?:src|href)="(https?:\/\/[^/"]+)/g)].map((m) => m[1]);
    expect(origins.filter((o) => o !== 'http://gazette.test')).toEqual([]);
  });

  it('serves the section, tag and 404 pages', async () => {
    expect((await site.app.inject('/section/world')).body).toContain(demoArticle.headline);
    expect((await site.app.inject('/tag/north-korea')).body).toContain(demoArticle.headline);
    const missing = await site.app.inject({ url: '/no/such/page', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>Page not found</h1>');
    expect((await site.app.inject({ url: '/tag/nothing', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});
