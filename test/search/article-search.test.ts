import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const editor = { id: null, name: 'Search test' };

describe.each(testDatabases)('article search on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });
  const hour = 3_600_000;
  const ago = (hours: number) => new Date(ctx.clock.now().getTime() - hours * hour);

  it('finds words in headlines, deks, bodies, tags and section names', async () => {
    const { container } = ctx;
    await makeArticle(container, { headline: 'Harbour reopens', dek: 'Ferries return', bodyMarkdown: 'The pelicans came back.' });
    await makeArticle(container, { headline: 'Budget vote', tags: ['Lighthouses'], section: 'Coastline' });
    const titles = async (q: string) => (await container.search.articles(q)).hits.map((h) => h.headline);
    expect(await titles('harbour')).toEqual(['Harbour reopens']);
    expect(await titles('ferries')).toEqual(['Harbour reopens']);
    expect(await titles('pelicans')).toEqual(['Harbour reopens']);
    expect(await titles('lighthouses')).toEqual(['Budget vote']);
    expect(await titles('coastline')).toEqual(['Budget vote']);
    // Stemmed alike on both engines: the plural finds the singular.
    expect(await titles('pelican')).toEqual(['Harbour reopens']);
  });

  it('ranks a headline match above a body match, and the newer first among equal matches', async () => {
    const { container } = ctx;
    await makeArticle(container, {
      headline: 'Council news',
      bodyMarkdown: 'A story about the quokka census and more.',
      publishedAt: ago(1),
    });
    await makeArticle(container, { headline: 'Quokka census begins', bodyMarkdown: 'Counting started today.', publishedAt: ago(48) });
    await makeArticle(container, { headline: 'Twin story', bodyMarkdown: 'Wombat burrows.', publishedAt: ago(30) });
    await makeArticle(container, { headline: 'Twin story', bodyMarkdown: 'Wombat burrows.', publishedAt: ago(2) });
    const quokka = await container.search.articles('quokka');
    expect(quokka.hits.map((h) => h.headline)).toEqual(['Quokka census begins', 'Council news']);
    const twins = await container.search.articles('wombat');
    expect(twins.hits.map((h) => h.publishedAt)).toEqual([ago(2), ago(30)]);
  });

  it('highlights matches in safe HTML: the text escaped, only the marks are markup', async () => {
    const { container } = ctx;
    await makeArticle(container, {
      headline: 'Tom & Jerry <script>alert(1)</script> return',
      dek: 'The cartoon "returns"',
      bodyMarkdown: 'Long ago. '.repeat(40) + 'The <b>cartoon</b> & its cat \uE000fake\uE001 are back.',
    });
    const [hit] = (await container.search.articles('cartoon')).hits;
    expect(hit!.headlineHtml).toBe('Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; return');
    expect(hit!.dekHtml).toBe('The <mark>cartoon</mark> &quot;returns&quot;');
    expect(hit!.snippetHtml).toContain('<mark>cartoon</mark>');
    expect(hit!.snippetHtml).not.toContain('<b>');
    expect(hit!.snippetHtml).not.toContain('<mark>fake</mark>');
    expect(hit!.snippetHtml.length).toBeLessThan(400);
  });

  it('pages through results', async () => {
    const { container } = ctx;
    for (let i = 0; i < 5; i++) await makeArticle(container, { headline: `Tide report ${i}`, publishedAt: ago(i + 1) });
    const first = await container.search.articles('tide', { perPage: 2 });
    const third = await container.search.articles('tide', { perPage: 2, page: 3 });
    expect(first.hits.map((h) => h.headline)).toEqual(['Tide report 0', 'Tide report 1']);
    expect(first.hasMore).toBe(true);
    expect(third.hits.map((h) => h.headline)).toEqual(['Tide report 4']);
    expect(third.hasMore).toBe(false);
  });

  it('finds an article right after publishing and loses it right after unpublishing or trashing', async () => {
    const { container } = ctx;
    const draft = await makeArticle(container, { headline: 'Secret aardvark plan', status: 'draft', publishedAt: undefined });
    const found = async () => (await container.search.articles('aardvark')).hits.map((h) => h.id);
    const publish = () =>
      container.articleWriter.importArticle(
        {
          replaces: draft.id,
          slug: draft.slug,
          headline: 'Secret aardvark plan',
          bodyMarkdown: 'x',
          author: { name: 'Test Writer' },
          section: 'World',
          status: 'published',
          publishedAt: ago(1),
        },
        editor,
      );
    expect(await found()).toEqual([]);
    await publish();
    expect(await found()).toEqual([draft.id]);
    await container.articleWriter.changeStatus(draft.id, 'unpublish', editor);
    expect(await found()).toEqual([]);
    await publish();
    expect(await found()).toEqual([draft.id]);
    await container.articleWriter.changeStatus(draft.id, 'trash', editor);
    expect(await found()).toEqual([]);
  });

  it('follows an edit of the text: the new words are found, the old ones are not', async () => {
    const { container } = ctx;
    const a = await makeArticle(container, { headline: 'Okapi sighted' });
    await container.articleWriter.importArticle(
      {
        replaces: a.id,
        slug: a.slug,
        headline: 'Narwhal sighted',
        bodyMarkdown: 'x',
        author: { name: 'Test Writer' },
        section: 'World',
        status: 'published',
        publishedAt: ago(1),
      },
      editor,
    );
    expect((await container.search.articles('okapi')).hits).toEqual([]);
    expect((await container.search.articles('narwhal')).hits.map((h) => h.id)).toEqual([a.id]);
  });

  it('keeps scheduled articles out until their time, and standing pages out', async () => {
    const { container } = ctx;
    await makeArticle(container, {
      headline: 'Future gecko story',
      status: 'scheduled',
      publishedAt: new Date(ctx.clock.now().getTime() + hour),
    });
    await makeArticle(container, { headline: 'About the gecko desk', kind: 'page' });
    expect((await container.search.articles('gecko')).hits).toEqual([]);
    ctx.clock.advance(2 * hour);
    expect((await container.search.articles('gecko')).hits.map((h) => h.headline)).toEqual(['Future gecko story']);
  });

  it('answers every hostile query with results or none, never an error', async () => {
    const { container } = ctx;
    await makeArticle(container, { headline: 'Election night', bodyMarkdown: 'Votes were counted "fairly" — NEAR the end.' });
    const queries = [
      '"',
      '"""',
      '"unclosed election',
      'election AND OR NOT',
      'NEAR(election night)',
      'election*',
      '*',
      '^election',
      'headline:election',
      '-election',
      '(((',
      "'; drop table articles; --",
      "election' OR '1'='1",
      '🗳️ election 🎉',
      '🗳️🎉',
      '\u0000election\u0000',
      'election\uD800',
      '\uDC00',
      '\uE000election\uE001',
      'x'.repeat(10_240),
      Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' '),
      '%FF%FE',
      '\u0301\u0301',
      'the',
      'or',
      ' ',
      '',
    ];
    for (const q of queries) {
      const results = await container.search.articles(q);
      expect(Array.isArray(results.hits)).toBe(true);
    }
    expect((await container.search.articles('"election night"')).hits).toHaveLength(1);
    expect((await container.search.articles('"night election"')).hits).toHaveLength(0);
    expect((await container.search.articles("'; drop table articles; --")).hits).toHaveLength(0);
    expect((await container.search.articles('🗳️ election 🎉')).hits).toHaveLength(1);
    expect((await container.search.articles('election', { page: -5, perPage: 1e9 })).hits).toHaveLength(1);
  });
});
