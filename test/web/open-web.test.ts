import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createDiscoveryService } from '../../src/modules/discovery/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';

const hour = 3_600_000;

describe.each(testDatabases)('sitemaps and per-section feeds on $name', (database) => {
  const site = useTestApp(database);
  const ago = (hours: number) => new Date(site.clock.now().getTime() - hours * hour);

  it('splits stories and tags into chunks no larger than the limit, each listed in the index', async () => {
    for (let i = 0; i < 5; i++) await makeArticle(site.container, { headline: `Chunked ${i}`, tags: [`Topic ${i}`] });
    // The demo article and five more: with chunks of two, three article files; the tags (the demo's and five) likewise.
    const discovery = createDiscoveryService({ db: site.storage.db, clock: site.clock, chunkSize: 2 });
    const chunkCounts = await discovery.chunks();
    expect(chunkCounts.articles).toBe(3);
    const tags = (await Promise.all(Array.from({ length: chunkCounts.tags }, (_, i) => discovery.tagChunk(i + 1)))).flat();
    expect(tags.length).toBeGreaterThan((chunkCounts.tags - 1) * 2);
    expect(tags.length).toBeLessThanOrEqual(chunkCounts.tags * 2);
    expect(tags.map((t) => t.slug)).toContain('topic-4');
    const chunks = await Promise.all([1, 2, 3].map((n) => discovery.articleChunk(n)));
    expect(chunks.map((c) => c.length)).toEqual([2, 2, 2]);
    expect(new Set(chunks.flat().map((a) => a.slug)).size).toBe(6);
    await expect(discovery.articleChunk(4)).rejects.toThrow('There is no such sitemap.');
    await expect(discovery.articleChunk(0)).rejects.toThrow('There is no such sitemap.');
    // At the real limit, all of them sit in chunk 1.
    expect((await site.container.discovery.chunks()).articles).toBe(1);
  });

  it('answers 404 for a chunk that does not exist or a name that is no chunk', async () => {
    for (const path of [
      '/sitemaps/articles-2.xml',
      '/sitemaps/articles-0.xml',
      '/sitemaps/articles-x.xml',
      '/sitemaps/tags-99999999999999999.xml',
      '/sitemaps/articles-1.json',
    ])
      expect((await site.app.inject(path)).statusCode, path).toBe(404);
  });

  it('lists the last 48 hours’ stories in a Google News sitemap, nothing older, nothing unpublished', async () => {
    await makeArticle(site.container, { headline: 'Fresh & new <story>', publishedAt: ago(2) });
    await makeArticle(site.container, { headline: 'Yesterday story', publishedAt: ago(47) });
    await makeArticle(site.container, { headline: 'Old story', publishedAt: ago(49) });
    await makeArticle(site.container, { headline: 'Draft story', status: 'draft', publishedAt: undefined });
    const response = await site.app.inject('/sitemaps/news.xml');
    expect(response.body).toContain('<news:title>Fresh &amp; new &lt;story&gt;</news:title>');
    expect(response.headers['content-type']).toMatch(/application\/xml/);
    expect(XMLValidator.validate(response.body)).toBe(true);
    const urlset = new XMLParser().parse(response.body).urlset;
    const urls = Array.isArray(urlset.url) ? urlset.url : [urlset.url];
    expect(urls.map((u: { 'news:news': { 'news:title': string } }) => u['news:news']['news:title'])).toEqual([
      'Fresh & new <story>',
      'Yesterday story',
    ]);
    expect(urls[0]['news:news']['news:publication']).toEqual({ 'news:name': 'The Gazette', 'news:language': 'en' });
    expect(urls[0]['news:news']['news:publication_date']).toBe(ago(2).toISOString());
  });

  it('serves each section’s and tag’s feeds in three formats, linked from their pages', async () => {
    await makeArticle(site.container, { headline: 'Reef survey', section: 'Science', tags: ['Oceans'] });
    await makeArticle(site.container, { headline: 'Budget talks', section: 'Politics', tags: ['Money'] });
    const sectionPage = await site.app.inject('/section/science');
    expect(sectionPage.body).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Science (RSS)" href="/section/science/feed.xml"/>',
    );
    expect(sectionPage.body).toContain('href="/section/science/feed.json"');
    expect((await site.app.inject('/tag/oceans')).body).toContain('href="/tag/oceans/atom.xml"');

    const rss = await site.app.inject('/section/science/feed.xml');
    expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(XMLValidator.validate(rss.body)).toBe(true);
    expect(rss.body).toContain('Reef survey');
    expect(rss.body).not.toContain('Budget talks');
    const atom = await site.app.inject('/tag/oceans/atom.xml');
    expect(XMLValidator.validate(atom.body)).toBe(true);
    expect(atom.body).toContain('Reef survey');
    const json = (await site.app.inject('/tag/money/feed.json')).json();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe('Money – The Gazette');
    expect(json.feed_url).toBe('http://gazette.test/tag/money/feed.json');
    expect(json.items.map((i: { title: string }) => i.title)).toEqual(['Budget talks']);
    expect((await site.app.inject('/section/no-such-section/feed.xml')).statusCode).toBe(404);
  });
});
