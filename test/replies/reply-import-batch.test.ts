import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/schema.js';
import { Invalid, InvalidFields } from '../../src/lib/errors.js';
import type { ImportedReplyInput } from '../../src/modules/replies/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/* Issue 9's speed target: the reply writer's batch import mode, as the WordPress import uses it. */
describe.each(testDatabases)('the reply writer’s batch import on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  const when = new Date('2018-06-07T08:09:10.000Z');
  const reply = (articleId: number, comment: string, more: Partial<ImportedReplyInput> = {}): ImportedReplyInput => ({
    articleId,
    comment,
    author: 'Old Reader',
    email: 'old@example.org',
    status: 'approved',
    createdAt: when,
    ...more,
  });
  /** Runs `work` in one transaction, as an import does. */
  const inImport = <T>(work: (within: Transaction<Database>) => Promise<T>) => ctx.storage.db.transaction().execute(work);
  const rows = (articleId: number) =>
    ctx.storage.db
      .selectFrom('replies')
      .select(['id', 'parent_id', 'body', 'status', 'author_url', 'legacy_anchor', 'created_at'])
      .where('article_id', '=', articleId)
      .orderBy('id')
      .execute();

  it('writes many replies, answering their ids in order, and their answers under them in the next call', async () => {
    const article = await makeArticle(ctx.container);
    // More than one statement's worth, so the ids of several inserts must line up with the inputs.
    const texts = Array.from({ length: 230 }, (_, i) => `Reply number ${i}.`);
    const { roots, answers } = await inImport(async (within) => {
      const roots = (await ctx.container.replies.importReplies(
        texts.map((t, i) => reply(article.id, t, { legacyAnchor: `comment-${i}`, status: i % 2 ? 'held' : 'approved' })),
        { within },
      )) as number[];
      const answers = (await ctx.container.replies.importReplies(
        [reply(article.id, 'Answer to 7.', { parentId: roots[7] }), reply(article.id, 'Answer to 200.', { parentId: roots[200] })],
        { within },
      )) as number[];
      return { roots, answers };
    });
    const stored = new Map((await rows(article.id)).map((r) => [r.id, r]));
    expect(stored.size).toBe(232);
    roots.forEach((id, i) =>
      expect(stored.get(id)).toMatchObject({
        body: texts[i],
        legacy_anchor: `comment-${i}`,
        status: i % 2 ? 'held' : 'approved',
        parent_id: null,
        created_at: when.toISOString(),
      }),
    );
    expect(stored.get(answers[0]!)).toMatchObject({ body: 'Answer to 7.', parent_id: roots[7] });
    expect(stored.get(answers[1]!)).toMatchObject({ body: 'Answer to 200.', parent_id: roots[200] });
  });

  it('writes nothing when the field rules refuse one, and names that one, so the rest can be sent again in order', async () => {
    const article = await makeArticle(ctx.container);
    const answers = await inImport((within) =>
      ctx.container.replies.importReplies(
        [reply(article.id, 'Fine.'), reply(article.id, 'Bad site.', { url: 'javascript:alert(1)' }), reply(article.id, 'Also fine.')],
        { within },
      ),
    );
    expect(answers[0]).toBeNull();
    expect(answers[1]).toBeInstanceOf(InvalidFields);
    expect((answers[1] as InvalidFields).problems.map((p) => p.field)).toEqual(['url']);
    expect(answers[2]).toBeNull();
    expect(await rows(article.id)).toEqual([]);
  });

  it('refuses a parent on another article', async () => {
    const [one, two] = [await makeArticle(ctx.container), await makeArticle(ctx.container)];
    await expect(
      inImport(async (within) => {
        const [parentId] = (await ctx.container.replies.importReplies([reply(one.id, 'Here.')], { within })) as number[];
        return ctx.container.replies.importReplies([reply(two.id, 'There.', { parentId })], { within });
      }),
    ).rejects.toBeInstanceOf(Invalid);
    expect(await rows(one.id)).toEqual([]);
  });
});
