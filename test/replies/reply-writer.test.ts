import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Invalid, InvalidFields } from '../../src/lib/errors.js';
import type { DomainEvent } from '../../src/lib/events.js';
import { makeUser } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields, sender, testModerator } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/* Issue 8: one reply writer with a policy per kind of author, one audited status change, one settings writer. */
describe.each(testDatabases)('the one reply writer on $name', (database) => {
  let ctx: TestContext;
  let events: DomainEvent[];
  beforeEach(async () => {
    ctx = await createTestContext(database);
    events = [];
    ctx.container.events.subscribe((e) => events.push(e));
  });
  afterEach(async () => {
    await ctx.close();
  });

  function row(id: number) {
    return ctx.storage.db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('imports a reply with its original date, status, parent, author and address, without flood or duplicate rules', async () => {
    const article = await makeArticle(ctx.container);
    const when = new Date('2019-03-04T05:06:07.000Z');
    const base = {
      articleId: article.id,
      comment: 'Imported words.',
      author: 'Old Reader',
      email: 'old@example.org',
      url: 'old.example.org',
      createdAt: when,
      ip: '192.0.2.7',
      userAgent: 'WordPress',
    };
    const parentId = await ctx.container.replies.importReply({ ...base, status: 'approved' });
    // The same text from the same sender in the same second, under the same parent: both kept.
    const spamId = await ctx.container.replies.importReply({ ...base, parentId, status: 'spam' });
    const againId = await ctx.container.replies.importReply({ ...base, parentId, status: 'trash' });
    const spam = await row(spamId);
    expect(spam).toMatchObject({
      article_id: article.id,
      parent_id: parentId,
      author_name: 'Old Reader',
      author_url: 'https://old.example.org/',
      status: 'spam',
      created_at: when.toISOString(),
      ip: '192.0.2.7',
      user_agent: 'WordPress',
      staff_user_id: null,
      decision_status: null,
      decision_reason: '',
    });
    // Stored sealed (issue 13), read back through the replies module.
    expect(spam.author_email).not.toContain('old@');
    expect(await ctx.container.replies.authorEmail(spamId)).toBe('old@example.org');
    expect((await row(againId)).status).toBe('trash');
    expect(events).toContainEqual({ type: 'reply.posted', articleId: article.id, replyId: spamId, status: 'spam' });
  });

  it('refuses an imported parent that is on another article', async () => {
    const [one, two] = [await makeArticle(ctx.container), await makeArticle(ctx.container)];
    const parentId = await ctx.container.replies.importReply({
      articleId: one.id,
      comment: 'Here.',
      status: 'approved',
      createdAt: new Date('2019-01-01T00:00:00Z'),
    });
    await expect(
      ctx.container.replies.importReply({
        articleId: two.id,
        parentId,
        comment: 'There.',
        status: 'approved',
        createdAt: new Date('2019-01-01T00:00:00Z'),
      }),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it('answers as staff: approved, marked staff, the text cleaned, the held question approved and audited', async () => {
    const article = await makeArticle(ctx.container);
    const question = await ctx.container.replies.post(replyFields({ articleId: article.id }), sender());
    expect(question.status).toBe('held');
    const editor = await makeUser(ctx.container, 'editor', 'Eda Editor');
    const id = await ctx.container.replies.answerAsStaff(question.id, '  On Thursday.\u0007  ', {
      id: editor.id,
      name: editor.name,
      email: editor.email,
    });
    const answer = (await ctx.container.replies.find(id))!;
    expect(answer).toMatchObject({
      parentId: question.id,
      status: 'approved',
      staff: true,
      body: 'On Thursday.',
      authorName: 'Eda Editor',
    });
    expect((await ctx.container.replies.find(question.id))!.status).toBe('approved');
    const trail = await ctx.container.audit.list({ subjectType: 'reply', subjectId: question.id });
    expect(trail.map((e) => [e.action, e.actor.name, e.reason])).toEqual([['reply.approve', 'Eda Editor', 'approved to answer it']]);
    expect(events).toContainEqual({ type: 'reply.status-changed', articleIds: [article.id], replyIds: [question.id], status: 'approved' });
    expect(events).toContainEqual({ type: 'reply.posted', articleId: article.id, replyId: id, status: 'approved' });
    await expect(
      ctx.container.replies.answerAsStaff(question.id, ' \u200b ', { id: editor.id, name: editor.name, email: editor.email }),
    ).rejects.toBeInstanceOf(Invalid);
  });

  it('audits every status change, the test factories’ too', async () => {
    const article = await makeArticle(ctx.container);
    const reply = await approvedReply(ctx.container, replyFields({ articleId: article.id }));
    const trail = await ctx.container.audit.list({ subjectType: 'reply', subjectId: reply.id });
    expect(trail).toMatchObject([
      {
        action: 'reply.approve',
        actor: { kind: 'system', name: 'test factory' },
        before: { status: 'held' },
        after: { status: 'approved' },
      },
    ]);
  });

  it('changes discussion settings through one writer: ranges checked, audited, announced', async () => {
    await expect(ctx.container.discussion.update({ threadDepth: 11, floodIntervalSeconds: 0 }, testModerator)).rejects.toSatisfy(
      (e) => e instanceof InvalidFields && e.problems.map((p) => p.field).join() === 'threadDepth',
    );
    expect((await ctx.container.discussion.current()).floodIntervalSeconds).toBe(15);
    expect(events).toEqual([]);
    await ctx.container.discussion.update({ floodIntervalSeconds: 0 }, testModerator);
    expect((await ctx.container.discussion.current()).floodIntervalSeconds).toBe(0);
    expect(events).toEqual([{ type: 'settings.changed', key: 'discussion' }]);
    const [entry] = await ctx.container.audit.list({ subjectType: 'settings' });
    expect(entry).toMatchObject({
      action: 'settings.discussion',
      actor: { name: 'test factory' },
      before: { floodIntervalSeconds: 15 },
      after: { floodIntervalSeconds: 0 },
    });
  });
});
