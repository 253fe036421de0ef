import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Closed, Conflict, Invalid, InvalidFields, NotFound, RateLimited } from '../../src/lib/errors.js';
import { renderReplyText } from '../../src/modules/replies/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields, sender, testModerator } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

describe.each(testDatabases)('replies service on $name', (database) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(database);
  });
  afterEach(async () => {
    await ctx.close();
  });

  async function countReplies(): Promise<number> {
    const row = await ctx.storage.db
      .selectFrom('replies')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('holds a first-time commenter and keeps the reply', async () => {
    const article = await makeArticle(ctx.container);
    const reply = await ctx.container.replies.post(replyFields({ articleId: article.id }), sender());
    expect(reply.status).toBe('held');
    expect(await ctx.container.replies.visibleFor(article.id, [])).toEqual([]);
    expect((await ctx.container.replies.visibleFor(article.id, [reply.id])).map((r) => r.id)).toEqual([reply.id]);
  });

  it('publishes at once a reply from a name and email with an approved reply', async () => {
    const article = await makeArticle(ctx.container);
    await approvedReply(ctx.container, replyFields({ articleId: article.id }));
    ctx.clock.advance(60_000);
    const second = await ctx.container.replies.post(replyFields({ articleId: article.id }), sender());
    expect(second.status).toBe('approved');
  });

  it('does not trust a known email under another name', async () => {
    const article = await makeArticle(ctx.container);
    await approvedReply(ctx.container, replyFields({ articleId: article.id }));
    ctx.clock.advance(60_000);
    const impostor = await ctx.container.replies.post(replyFields({ articleId: article.id, author: 'Not Ada' }), sender());
    expect(impostor.status).toBe('held');
  });

  it('refuses a second reply from the same sender within 15 seconds', async () => {
    const article = await makeArticle(ctx.container);
    await ctx.container.replies.post(replyFields({ articleId: article.id }), sender('10.1.1.1'));
    ctx.clock.advance(10_000);
    await expect(
      ctx.container.replies.post(replyFields({ articleId: article.id, email: 'other@example.org' }), sender('10.1.1.1')),
    ).rejects.toThrow(new RateLimited('You are posting comments too quickly. Slow down.'));
    await expect(ctx.container.replies.post(replyFields({ articleId: article.id }), sender('10.9.9.9'))).rejects.toBeInstanceOf(
      RateLimited,
    );
    ctx.clock.advance(6_000);
    await expect(ctx.container.replies.post(replyFields({ articleId: article.id }), sender('10.1.1.1'))).resolves.toMatchObject({
      status: 'held',
    });
    expect(await countReplies()).toBe(2);
  });

  it('refuses the same reply twice', async () => {
    const article = await makeArticle(ctx.container);
    const fields = replyFields({ articleId: article.id, comment: 'Exactly this.' });
    await ctx.container.replies.post(fields, sender());
    ctx.clock.advance(60_000);
    await expect(ctx.container.replies.post(fields, sender())).rejects.toBeInstanceOf(Conflict);
    expect(await countReplies()).toBe(1);
  });

  it('refuses replies to a missing, unpublished or closed article', async () => {
    await expect(ctx.container.replies.post(replyFields({ articleId: 9999 }), sender())).rejects.toBeInstanceOf(NotFound);
    const draft = await makeArticle(ctx.container, { status: 'draft', publishedAt: null });
    await expect(ctx.container.replies.post(replyFields({ articleId: draft.id }), sender())).rejects.toBeInstanceOf(NotFound);
    const closed = await makeArticle(ctx.container, { repliesOpen: false });
    await expect(ctx.container.replies.post(replyFields({ articleId: closed.id }), sender())).rejects.toBeInstanceOf(Closed);
    expect(await countReplies()).toBe(0);
  });

  it('closes replies on articles older than the setting allows', async () => {
    await ctx.container.discussion.update({ closeAfterDays: 14 }, testModerator);
    const old = await makeArticle(ctx.container, { publishedAt: new Date(ctx.clock.now().getTime() - 15 * 86_400_000) });
    await expect(ctx.container.replies.post(replyFields({ articleId: old.id }), sender())).rejects.toBeInstanceOf(Closed);
  });

  it('refuses a parent from another article, and a held parent', async () => {
    const a = await makeArticle(ctx.container);
    const b = await makeArticle(ctx.container);
    const onA = await approvedReply(ctx.container, replyFields({ articleId: a.id }));
    ctx.clock.advance(60_000);
    await expect(ctx.container.replies.post(replyFields({ articleId: b.id, parentId: onA.id }), sender())).rejects.toThrow(Invalid);
    const held = await ctx.container.replies.post(replyFields({ articleId: a.id, email: 'new@example.org', author: 'New' }), sender());
    ctx.clock.advance(60_000);
    await expect(ctx.container.replies.post(replyFields({ articleId: a.id, parentId: held.id }), sender())).rejects.toMatchObject({
      field: 'parent',
    });
  });

  it('stores nothing when the input is invalid', async () => {
    const article = await makeArticle(ctx.container);
    await expect(
      ctx.container.replies.post({ articleId: article.id, comment: '', author: '', email: 'bad' }, sender()),
    ).rejects.toBeInstanceOf(InvalidFields);
    expect(await countReplies()).toBe(0);
  });

  it('approves held replies and announces the change', async () => {
    const article = await makeArticle(ctx.container);
    const events: unknown[] = [];
    ctx.container.events.subscribe((e) => events.push(e));
    const held = await ctx.container.replies.post(replyFields({ articleId: article.id }), sender());
    expect(await ctx.container.replies.changeReplyStatus([held.id], 'approved', testModerator)).toEqual([held.id]);
    expect(await ctx.container.replies.changeReplyStatus([held.id], 'approved', testModerator)).toEqual([]);
    expect(events).toContainEqual({ type: 'reply.status-changed', articleIds: [article.id], replyIds: [held.id], status: 'approved' });
    expect((await ctx.container.replies.listByStatus('approved')).map((r) => [r.id, r.articleSlug])).toEqual([[held.id, article.slug]]);
  });

  it('stores the text as HTML when it is written, and again when a moderator edits it', async () => {
    const article = await makeArticle(ctx.container);
    const comment = 'See https://example.org/a.\n\nAnd <b>this</b>.';
    const reply = await approvedReply(ctx.container, replyFields({ articleId: article.id, comment }));
    const stored = async () =>
      (await ctx.storage.db.selectFrom('replies').select('body_html').where('id', '=', reply.id).executeTakeFirstOrThrow()).body_html;
    expect(await stored()).toBe(renderReplyText(comment));
    const [shown] = await ctx.container.replies.visibleFor(article.id, []);
    expect(shown!.bodyHtml).toBe(renderReplyText(comment));
    await ctx.container.desk.edit(reply.id, 'Edited: www.example.net', 'typo', testModerator);
    expect(await stored()).toBe(renderReplyText('Edited: www.example.net'));
  });

  it('never stores or returns the raw email in the public reply', async () => {
    const article = await makeArticle(ctx.container);
    const reply = await ctx.container.replies.post(replyFields({ articleId: article.id, email: 'Secret.Person@Example.org' }), sender());
    expect(JSON.stringify(reply)).not.toMatch(/secret\.person/i);
    expect(reply.authorFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('computes how deep a reply sits', async () => {
    const article = await makeArticle(ctx.container);
    const root = await approvedReply(ctx.container, replyFields({ articleId: article.id }));
    ctx.clock.advance(60_000);
    const child = await approvedReply(ctx.container, replyFields({ articleId: article.id, parentId: root.id }));
    expect(await ctx.container.replies.depthOf(root, 5)).toBe(1);
    expect(await ctx.container.replies.depthOf(child, 5)).toBe(2);
  });
});
