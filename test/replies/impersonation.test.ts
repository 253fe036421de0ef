import { describe, expect, it } from 'vitest';
import { emailFingerprint } from '../../src/lib/keyed-hash.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { hasApprovedReply } from '../../src/modules/replies/replies.queries.js';
import { makeUser } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { sender } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';

/*
 * Finding 3 of issue 7: a staff answer is stored under the member's name and email hash, so an
 * anonymous post with an editor's public name and email was auto-approved as a "known author".
 */
describe.each(testDatabases)('a reader posing as a newsroom member, on $name', (database) => {
  const site = useTestApp(database);

  async function setUp() {
    const editor = await makeUser(site.container, 'editor', 'Jin Park');
    const article = await site.container.articles.getPublished(demoArticle.slug!);
    // A reader's question, answered by the editor from the desk (which approves the question).
    const question = await site.container.replies.post(
      { articleId: article.id, comment: 'When do the talks start?', author: 'Min', email: 'min@example.org' },
      sender(),
    );
    await site.container.desk.answer(question.id, 'On Thursday, in Washington.', { id: editor.id, name: editor.name, email: editor.email });
    site.clock.advance(60_000);
    return { editor, article };
  }

  it('holds, with a reason in its audit trail, a post under an editor’s name and email who has answered as staff', async () => {
    const { editor, article } = await setUp();
    const impostor = await site.container.replies.post(
      { articleId: article.id, comment: 'Official: the talks are cancelled.', author: editor.name, email: editor.email },
      sender('198.51.100.66'),
    );
    expect(impostor.status).toBe('held');
    const detail = await site.container.desk.detail(impostor.id);
    expect(detail.audit.map((e) => [e.action, e.reason])).toEqual([
      ['reply.hold', 'uses the name or email of a newsroom member; staff answer from the moderation desk'],
    ]);
  });

  it('holds a post whose name is an editor’s in another case, width or with a zero-width space, under a fresh email', async () => {
    const { article } = await setUp();
    // Replies appear at once here, so only the newsroom-member rule can hold these.
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    for (const [i, author] of ['JIN PARK', 'Jin\u200b Park', 'Ｊｉｎ Ｐａｒｋ', 'jinpark'].entries()) {
      const post = await site.container.replies.post(
        { articleId: article.id, comment: `Speaking for the newsroom, take ${i}.`, author, email: `lookalike${i}@example.org` },
        sender(),
      );
      expect(post.status, author).toBe('held');
    }
  });

  it('holds a post with an editor’s email under another name, a +tag or capitals added', async () => {
    const { editor, article } = await setUp();
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    const [local, domain] = editor.email.split('@');
    const post = await site.container.replies.post(
      { articleId: article.id, comment: 'Quietly official.', author: 'A Friend', email: `${local!.toUpperCase()}+x@${domain}` },
      sender(),
    );
    expect(post.status).toBe('held');
  });

  it('holds a post using an editor’s name even when replies appear at once without moderation', async () => {
    const { article } = await setUp();
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    const ordinary = await site.container.replies.post(
      { articleId: article.id, comment: 'An ordinary view.', author: 'Soo', email: 'soo@example.org' },
      sender(),
    );
    expect(ordinary.status).toBe('approved');
    const impostor = await site.container.replies.post(
      { articleId: article.id, comment: 'An official view.', author: 'Jin Park', email: 'other@example.org' },
      sender(),
    );
    expect(impostor.status).toBe('held');
  });

  it('still publishes at once a reader whose own earlier reply was approved', async () => {
    const { article } = await setUp();
    // Min's question was approved when the editor answered it.
    const again = await site.container.replies.post(
      { articleId: article.id, comment: 'Thanks for the answer.', author: 'Min', email: 'min@example.org' },
      sender(),
    );
    expect(again.status).toBe('approved');
  });

  it('does not count a staff answer as an approved reply of the name and email it was written under', async () => {
    const { editor } = await setUp();
    const hash = emailFingerprint(await site.container.settings.siteSecret(), editor.email);
    // The rule the "known author" check rests on, apart from the newsroom-member check (which a
    // member's removal would end while their answers stay).
    expect(await hasApprovedReply(site.storage.db, hash, editor.name)).toBe(false);
    const min = emailFingerprint(await site.container.settings.siteSecret(), 'min@example.org');
    expect(await hasApprovedReply(site.storage.db, min, 'Min')).toBe(true);
  });
});
