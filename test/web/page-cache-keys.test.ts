import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

const articleUrl = `/articles/${demoArticle.slug}`;

/*
 * Finding 15 of issue 7: every query string was its own page-cache key, so anonymous visitors
 * could force a full render of any page per request (and push real pages out of the cache).
 */
describe.each(testDatabases)('page cache keys on $name', (database) => {
  const site = useTestApp(database);

  it('renders an article once for 1,000 distinct junk query strings, answering them all from one entry', async () => {
    const caches: string[] = [];
    let first: string | undefined;
    // Each answer carries its own form token (stamped per response); the rest is the one cached page.
    const withoutToken = (html: string) => html.replace(/name="form_token" value="[^"]+"/, 'name="form_token" value=""');
    for (let i = 0; i < 1000; i++) {
      const junk = [`?x=${i}`, `?utm_source=s${i}&utm_medium=m`, `?cpage=abc${i}`, `?replytocom=-${i}`, `?${i}`][i % 5]!;
      const response = await site.app.inject({ url: `${articleUrl}${junk}`, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      first ??= withoutToken(response.body);
      expect(withoutToken(response.body)).toBe(first);
      caches.push(String(response.headers['x-cache']));
    }
    expect(caches.filter((c) => c !== 'hit')).toEqual(['miss']);
    // And the plain address is that same entry.
    expect((await site.app.inject({ url: articleUrl, headers: { accept: 'text/html' } })).headers['x-cache']).toBe('hit');
  });

  it('keeps the parameters a page uses apart, each under its canonical value', async () => {
    await site.container.discussion.update({ repliesPerPage: 1 }, { kind: 'system', id: null, name: 'test setup' });
    const cacheOf = async (url: string) => String((await site.app.inject({ url, headers: { accept: 'text/html' } })).headers['x-cache']);
    expect(await cacheOf(`${articleUrl}?cpage=2`)).toBe('miss');
    expect(await cacheOf(`${articleUrl}?cpage=02&utm_source=x`)).toBe('hit');
    expect(await cacheOf(`${articleUrl}?utm_source=x&cpage=2`)).toBe('hit');
    expect(await cacheOf(articleUrl)).toBe('miss');
    const slug = demoArticle.slug!;
    const escaped = `/articles/%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}`;
    expect(await cacheOf(escaped)).toBe('hit');
  });
});
