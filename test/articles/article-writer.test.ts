import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conflict, Invalid } from '../../src/lib/errors.js';
import type { ArticleInput } from '../../src/modules/articles/index.js';
import { makeUser } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const importer = { id: null, name: 'WordPress import' };

function imported(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    headline: 'Floods close the coastal road',
    dek: 'Crews expect to reopen it by Friday.',
    bodyMarkdown: 'The road is *closed*.',
    slug: 'floods-close-coastal-road',
    author: { name: 'Mina Park', bio: 'Covers the coast.' },
    section: 'Local News',
    tags: ['Weather', 'Roads'],
    status: 'published',
    createdAt: new Date('2019-03-01T08:00:00Z'),
    updatedAt: new Date('2019-03-04T12:30:00Z'),
    publishedAt: new Date('2019-03-02T06:00:00Z'),
    repliesOpen: false,
    ...overrides,
  };
}

describe.each(testDatabases)('the article writer on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('imports keeping the original dates, address, byline, section, tags and closed replies', async () => {
    const id = await ctx.container.articleWriter.importArticle(imported(), importer);
    const saved = await ctx.container.editorial.get(id);
    expect(saved).toMatchObject({
      slug: 'floods-close-coastal-road',
      status: 'published',
      section: 'Local News',
      tags: ['Weather', 'Roads'],
      repliesOpen: false,
      authorName: 'Mina Park',
      createdAt: new Date('2019-03-01T08:00:00Z'),
      updatedAt: new Date('2019-03-04T12:30:00Z'),
      publishedAt: new Date('2019-03-02T06:00:00Z'),
    });
    const article = await ctx.container.articles.getPublished('floods-close-coastal-road');
    expect(article.bodyHtml).toContain('<em>closed</em>');
    expect(article.author).toEqual({ slug: 'mina-park', name: 'Mina Park' });
  });

  it('keeps tags in the order they were typed, on the page and in the editor, and after a reorder', async () => {
    const id = await ctx.container.articleWriter.importArticle(
      imported({ tags: ['Zoning', 'Budget', 'Housing'], slug: 'council-budget' }),
      importer,
    );
    expect((await ctx.container.editorial.get(id)).tags).toEqual(['Zoning', 'Budget', 'Housing']);
    expect((await ctx.container.articles.getPublished('council-budget')).tags.map((t) => t.name)).toEqual(['Zoning', 'Budget', 'Housing']);
    await ctx.container.articleWriter.importArticle(
      imported({ tags: ['Housing', 'Zoning'], slug: 'council-budget', replaces: id }),
      importer,
    );
    expect((await ctx.container.editorial.get(id)).tags).toEqual(['Housing', 'Zoning']);
  });

  it('refuses an import at an address another article has, as a conflict on the slug, without appending a number', async () => {
    await ctx.container.articleWriter.importArticle(imported(), importer);
    const second = ctx.container.articleWriter.importArticle(imported({ headline: 'Another story' }), importer);
    await expect(second).rejects.toBeInstanceOf(Conflict);
    await expect(second).rejects.toMatchObject({ field: 'slug', message: expect.stringContaining('floods-close-coastal-road') });
    expect(await ctx.container.articles.count()).toBe(1);
    expect((await ctx.container.editorial.list({})).map((a) => a.slug)).toEqual(['floods-close-coastal-road']);
  });

  it('gives exactly one of several concurrent imports a taken address, the others a conflict', async () => {
    const results = await Promise.allSettled(
      ['A', 'B', 'C', 'D'].map((n) => ctx.container.articleWriter.importArticle(imported({ headline: `Story ${n}` }), importer)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(Conflict);
      expect(r.reason).toMatchObject({ field: 'slug' });
    }
    expect(await ctx.container.articles.count()).toBe(1);
  });

  it('imports any status: draft, trash, and a schedule whose time has already passed', async () => {
    const draft = await ctx.container.articleWriter.importArticle(
      imported({ slug: 'a-draft', status: 'draft', publishedAt: null }),
      importer,
    );
    const trashed = await ctx.container.articleWriter.importArticle(imported({ slug: 'in-the-bin', status: 'trash' }), importer);
    const overdue = await ctx.container.articleWriter.importArticle(
      imported({ slug: 'overdue', status: 'scheduled', publishedAt: new Date('2020-01-01T00:00:00Z') }),
      importer,
    );
    expect((await ctx.container.editorial.get(draft)).status).toBe('draft');
    expect((await ctx.container.editorial.get(trashed)).status).toBe('trash');
    expect((await ctx.container.editorial.get(overdue)).status).toBe('scheduled');
    expect(await ctx.container.articleWriter.publishDue()).toEqual([overdue]);
    await expect(
      ctx.container.articleWriter.importArticle(imported({ slug: 'no-time', status: 'scheduled', publishedAt: null }), importer),
    ).rejects.toMatchObject({ field: 'publishAt' });
  });

  it('bylines an import to an existing member, and refuses a byline that does not exist', async () => {
    const member = await makeUser(ctx.container, 'author', 'Jun Seo');
    const id = await ctx.container.articleWriter.importArticle(imported({ author: { authorId: member.authorId } }), importer);
    expect((await ctx.container.editorial.get(id)).authorId).toBe(member.authorId);
    await expect(
      ctx.container.articleWriter.importArticle(imported({ slug: 'ghost', author: { authorId: 999_999 } }), importer),
    ).rejects.toMatchObject({ field: 'author' });
    await expect(
      ctx.container.articleWriter.importArticle(imported({ slug: 'nameless', author: { name: '  ' } }), importer),
    ).rejects.toMatchObject({ field: 'author' });
    await expect(
      ctx.container.articleWriter.importArticle(imported({ slug: 'nul', author: { name: 'Mina\u0000Park' } }), importer),
    ).rejects.toMatchObject({ field: 'author' });
  });

  it('refuses an imported address it could not keep as it is', async () => {
    const refused = ctx.container.articleWriter.importArticle(imported({ slug: 'Has Spaces/And Slash' }), importer);
    await expect(refused).rejects.toBeInstanceOf(Invalid);
    await expect(refused).rejects.toMatchObject({ field: 'slug' });
  });

  it('records an import in the audit trail and as the first revision', async () => {
    const id = await ctx.container.articleWriter.importArticle(imported(), importer);
    const [entry] = await ctx.container.audit.list({ subjectType: 'article', subjectId: id });
    expect(entry).toMatchObject({
      action: 'article.import',
      actor: { id: null, name: 'WordPress import' },
      after: { slug: 'floods-close-coastal-road', status: 'published' },
    });
    expect((await ctx.container.editorial.revisions(id)).map((r) => r.userName)).toEqual(['WordPress import']);
  });

  it('gives concurrent saves of one headline each their own address', async () => {
    const member = await makeUser(ctx.container, 'author', 'Ana Author');
    const actor = { id: member.id, name: member.name, authorId: member.authorId };
    const draft = {
      headline: 'Ministers meet',
      dek: '',
      slug: '',
      bodyMarkdown: 'Text.',
      section: 'World',
      tags: [],
      status: 'published' as const,
      publishAt: null,
      repliesOpen: true,
      featuredMediaId: null,
      featuredAlt: '',
    };
    const ids = await Promise.all(Array.from({ length: 4 }, () => ctx.container.editorial.create(draft, actor)));
    const slugs = await Promise.all(ids.map(async (id) => (await ctx.container.editorial.get(id)).slug));
    expect(slugs.sort()).toEqual(['ministers-meet', 'ministers-meet-2', 'ministers-meet-3', 'ministers-meet-4']);
  });

  it('audits the scheduler publishing an article on time', async () => {
    const id = await ctx.container.articleWriter.importArticle(
      imported({ status: 'scheduled', publishedAt: new Date(ctx.clock.now().getTime() + 60_000) }),
      importer,
    );
    ctx.clock.advance(60_000);
    expect(await ctx.container.articleWriter.publishDue()).toEqual([id]);
    const [entry] = await ctx.container.audit.list({ subjectType: 'article', subjectId: id });
    expect(entry).toMatchObject({
      action: 'article.publish',
      actor: { id: null, name: 'Scheduler' },
      before: { status: 'scheduled' },
      after: { status: 'published' },
    });
  });
});
