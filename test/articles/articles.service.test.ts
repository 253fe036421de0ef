import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFound } from '../../src/lib/errors.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

describe.each(testDatabases)('articles service on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('publishes the demo article once, on an empty database', async () => {
    expect(await publishDemoArticleIfEmpty(ctx.container)).toBe(true);
    expect(await publishDemoArticleIfEmpty(ctx.container)).toBe(false);
    const article = await ctx.container.articles.getPublished(demoArticle.slug!);
    expect(article.headline).toMatch(/South Korea/);
    expect(article.headline).toMatch(/two-plus-two talks/);
    expect(article.section.name).toBe('World');
    // In the order the demo article gives them (tags keep the order typed).
    expect(article.tags.map((t) => t.name)).toEqual(['North Korea', 'Russia', 'South Korea', 'United States', 'Diplomacy']);
    expect(article.publishedAt?.toISOString().slice(0, 10)).toBe('2024-10-28');
    // The newsroom's overview dates it by its own date, not the seed's moment (issue 11, item 10).
    const [line] = await ctx.container.editorial.list({});
    expect(line!.updatedAt.toISOString().slice(0, 10)).toBe('2024-10-28');
    expect(article.bodyHtml).toContain('<blockquote>');
    for (const name of ['Cho Tae-yul', 'Kim Yong-hyun', 'Antony Blinken', 'Lloyd Austin', 'Washington'])
      expect(article.bodyHtml).toContain(name);
    const words = demoArticle.bodyMarkdown.split(/\s+/).filter(Boolean).length;
    expect(words).toBeGreaterThanOrEqual(400);
    expect(words).toBeLessThanOrEqual(600);
  });

  it('hides drafts and articles scheduled for later', async () => {
    const draft = await makeArticle(ctx.container, { status: 'draft', publishedAt: null });
    const future = await makeArticle(ctx.container, { publishedAt: new Date(ctx.clock.now().getTime() + 3_600_000) });
    await expect(ctx.container.articles.getPublished(draft.slug)).rejects.toBeInstanceOf(NotFound);
    await expect(ctx.container.articles.getPublished(future.slug)).rejects.toBeInstanceOf(NotFound);
    ctx.clock.advance(2 * 3_600_000);
    await expect(ctx.container.articles.getPublished(future.slug)).resolves.toMatchObject({ id: future.id });
  });

  it('gives each article a unique slug', async () => {
    const a = await makeArticle(ctx.container, { headline: 'Same headline' });
    const b = await makeArticle(ctx.container, { headline: 'Same headline' });
    expect([a.slug, b.slug]).toEqual(['same-headline', 'same-headline-2']);
  });

  it('lists the newest first, by section and by tag', async () => {
    const older = await makeArticle(ctx.container, {
      section: 'Politics',
      tags: ['Elections'],
      publishedAt: new Date('2025-01-01T00:00:00Z'),
    });
    const newer = await makeArticle(ctx.container, {
      section: 'World',
      tags: ['Elections', 'Asia'],
      publishedAt: new Date('2025-06-01T00:00:00Z'),
    });
    expect((await ctx.container.articles.latest()).map((a) => a.id)).toEqual([newer.id, older.id]);
    expect((await ctx.container.articles.latest({ sectionSlug: 'politics' })).map((a) => a.id)).toEqual([older.id]);
    expect((await ctx.container.articles.latest({ tagSlug: 'asia' })).map((a) => a.id)).toEqual([newer.id]);
    expect((await ctx.container.articles.latest({ tagSlug: 'elections' })).map((a) => a.id)).toEqual([newer.id, older.id]);
  });

  it('removes scripts and event handlers from article HTML', async () => {
    const a = await makeArticle(ctx.container, {
      bodyMarkdown: 'Hi <script>alert(1)</script><img src="https://x.example/a.png" onerror="alert(2)"> [x](javascript:alert(3))',
    });
    expect(a.bodyHtml).not.toMatch(/script|onerror|javascript:/);
  });
});

describe.each(testDatabases)('scheduled articles on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('goes live at its time and is marked published exactly once', async () => {
    const at = new Date(ctx.clock.now().getTime() + 60_000);
    const article = await makeArticle(ctx.container, { status: 'scheduled', publishedAt: at });
    const events: unknown[] = [];
    ctx.container.events.subscribe((e) => events.push(e));
    await expect(ctx.container.articles.getPublished(article.slug)).rejects.toBeInstanceOf(NotFound);
    expect(await ctx.container.articleWriter.publishDue()).toEqual([]);
    ctx.clock.advance(60_000);
    await expect(ctx.container.articles.getPublished(article.slug)).resolves.toMatchObject({ status: 'scheduled' });
    const [first, second] = await Promise.all([ctx.container.articleWriter.publishDue(), ctx.container.articleWriter.publishDue()]);
    expect([...first!, ...second!]).toEqual([article.id]);
    expect(events).toEqual([{ type: 'article.changed', articleId: article.id }]);
    await expect(ctx.container.articles.getPublished(article.slug)).resolves.toMatchObject({ status: 'published' });
  });
});

describe.each(testDatabases)('seeding a new site on $name', (database) => {
  it('publishes the demo article once when several nodes start at the same moment', async () => {
    const ctx = await createTestContext(database);
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => publishDemoArticleIfEmpty(ctx.container)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ctx.container.articles.count()).toBe(1);
    } finally {
      await ctx.close();
    }
  });
});
