import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/schema.js';
import { Invalid, InvalidFields } from '../../src/lib/errors.js';
import { createAuthorshipPreparer, type AuthoredFields, type ImportedReplyInput } from '../../src/modules/replies/index.js';
import { preparedAuthorship } from '../../src/modules/replies/reply-authorship-thread.js';
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

  describe('with each reply’s authorship prepared in the import’s thread', () => {
    /** Fields that the rules clean (line ends, NFC, bidi controls, a website without a scheme), hash by name, or refuse. */
    const awkward: AuthoredFields[] = [
      { comment: 'Plain words.', author: 'Ada', email: 'ada@example.org', url: '' },
      {
        comment: '  Cafe\u0301 line one\r\nline two, see https://example.org/a.  ',
        author: 'Bob \u202eevil',
        email: 'Bob+news@Example.ORG',
        url: 'www.example.com',
      },
      { comment: 'No email, no name.', author: '', email: '', url: '' },
      { comment: 'Zero-width\u200b inside', author: '  Spaced   name ', email: '', url: 'https://example.net/x' },
      { comment: 'A bad email.', author: 'Cy', email: 'not an email', url: '' },
    ];
    /** The fields prepared as an import's thread prepares them, with the site's secret and email cipher. */
    const prepareAhead = async (fields: AuthoredFields[]) => {
      const secret = await ctx.container.settings.siteSecret();
      const cipher = await ctx.container.settings.emailCipher();
      const preparer = createAuthorshipPreparer(secret, cipher);
      return { secret, cipher, prepared: await preparer.prepare(fields).finally(() => preparer.close()) };
    };
    const byAnchor = (articleId: number) =>
      ctx.storage.db.selectFrom('replies').selectAll().where('article_id', '=', articleId).orderBy('legacy_anchor').execute();

    it('writes the same rows as the writer makes itself, and refuses the same replies', async () => {
      const [plain, ahead] = [await makeArticle(ctx.container), await makeArticle(ctx.container)];
      const { secret, cipher, prepared } = await prepareAhead(awkward);
      // The rules refuse the bad email in the thread too: nothing prepared, the writer says why.
      expect(prepared.map((p) => p === undefined)).toEqual([false, false, false, false, true]);
      const inputs = (articleId: number, withPrepared: boolean) =>
        awkward.map((f, i) =>
          reply(articleId, f.comment, { ...f, legacyAnchor: `comment-${i}`, prepared: withPrepared ? prepared[i] : undefined }),
        );
      const refusals = await inImport(async (within) => [
        await ctx.container.replies.importReplies(inputs(plain.id, false), { within }),
        await ctx.container.replies.importReplies(inputs(ahead.id, true), { within }),
      ]);
      expect(refusals[1]).toEqual(refusals[0]);
      await inImport(async (within) => {
        await ctx.container.replies.importReplies(inputs(plain.id, false).slice(0, 4), { within });
        await ctx.container.replies.importReplies(inputs(ahead.id, true).slice(0, 4), { within });
      });
      const [mine, theirs] = [await byAnchor(plain.id), await byAnchor(ahead.id)];
      expect(theirs).toHaveLength(4);
      // The same columns but the ids and the article, and the sealed emails, whose nonces differ: the same once opened.
      const comparable = ({ id: _id, article_id: _article, author_email: sealed, ...row }: (typeof mine)[number]) => ({
        ...row,
        email: cipher.open(sealed),
      });
      expect(theirs.map(comparable)).toEqual(mine.map(comparable));
      expect(theirs[1]).toMatchObject({
        body: 'Café line one\nline two, see https://example.org/a.',
        author_name: 'Bob evil',
        author_url: 'https://www.example.com/',
      });
      // And they were taken, not made again: the writer finds what the thread made for these fields.
      expect(inputs(ahead.id, true).map((input) => preparedAuthorship(input, secret, cipher) !== undefined)).toEqual([
        true,
        true,
        true,
        true,
        false,
      ]);
    });

    it('makes a reply’s row itself once a field differs from the one prepared (an email the importer dropped)', async () => {
      const article = await makeArticle(ctx.container);
      const {
        secret,
        cipher,
        prepared: [prepared],
      } = await prepareAhead([{ comment: 'Said once.', author: 'Ada', email: 'ada@example.org', url: '' }]);
      await inImport((within) =>
        ctx.container.replies.importReplies([reply(article.id, 'Said once.', { author: 'Ada', email: '', url: '', prepared })], { within }),
      );
      expect(
        preparedAuthorship(reply(article.id, 'Said once.', { author: 'Ada', email: '', url: '', prepared }), secret, cipher),
      ).toBeUndefined();
      const [row] = await byAnchor(article.id);
      expect(row).toMatchObject({ body: 'Said once.', author_email: '' });
      // A reply without an email is hashed by its name, not by the email it was prepared with.
      const other = await makeArticle(ctx.container);
      const [byName] = await inImport(async (within) => {
        await ctx.container.replies.importReplies([reply(other.id, 'Said once.', { author: 'Ada', email: '', url: '' })], { within });
        return within.selectFrom('replies').select('author_email_hash').where('article_id', '=', other.id).execute();
      });
      expect(row!.author_email_hash).toBe(byName!.author_email_hash);
    });
  });
});
