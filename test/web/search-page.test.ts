import { describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';

describe.each(testDatabases)('the search page on $name', (database) => {
  const site = useTestApp(database);

  it('is linked from every page’s header and offers a form that needs no script', async () => {
    for (const path of ['/', '/section/world', '/search']) {
      const page = await site.app.inject(path);
      expect(page.body).toMatch(/<p class="masthead-search"><a href="\/search"/);
    }
    const search = await site.app.inject('/search');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('<form class="search-form" role="search" method="get" action="/search">');
    expect(search.body).not.toContain('<script type="module"');
  });

  it('lists matching articles with marked words, escaped text and links to further pages', async () => {
    for (let i = 0; i < 25; i++) await makeArticle(site.container, { headline: `Puffin count ${i} <b>`, bodyMarkdown: 'Birds on cliffs.' });
    const page = await site.app.inject('/search?q=puffin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<mark>Puffin</mark> count');
    expect(page.body).toContain('&lt;b&gt;');
    expect(page.body).toContain('href="/search?q=puffin&amp;page=2"');
    const second = await site.app.inject('/search?q=puffin&page=2');
    expect(second.body.match(/class="search-result"/g)).toHaveLength(5);
    expect(second.body).toContain('rel="prev"');
  });

  it('finds an article right after it is published and not after it is unpublished', async () => {
    const article = await makeArticle(site.container, { headline: 'Capybara escapes zoo' });
    expect((await site.app.inject('/search?q=capybara')).body).toContain('/articles/' + article.slug);
    await site.container.articleWriter.changeStatus(article.id, 'unpublish', { id: null, name: 'Test' });
    const after = await site.app.inject('/search?q=capybara');
    expect(after.body).not.toContain('/articles/' + article.slug);
    expect(after.body).toContain('No results for “capybara”.');
  });

  it('answers any query string with a page of results or “no results”, never an error', async () => {
    const junk = encodeURIComponent('x'.repeat(10_240));
    const queries = [
      'q=%FF%FE',
      'q=%ED%A0%80',
      'q=%C3',
      'q=%00demo',
      'q=%',
      'q=%zz',
      'q=%22',
      'q=*',
      'q=NEAR(a%20b)',
      `q=${encodeURIComponent("'; drop table articles; --")}`,
      `q=${encodeURIComponent('🗳️ 🎉')}`,
      `q=${junk}`,
      'q=a&q=b',
      'q[]=x',
      'q=demo&page=abc',
      'q=demo&page=99999999999999999999',
      'q=demo&page=-1',
      'page=2',
      'q=<script>alert(1)</script>',
    ];
    for (const query of queries) {
      const response = await site.app.inject(`/search?${query}`);
      expect(response.statusCode, query).toBe(200);
      expect(response.body, query).not.toContain('<script>alert');
    }
  });
});
