import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage, postForm } from '../support/http.js';
import { sender, testModerator } from '../support/factories.js';
import { createTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const holdWord = 'wormwood';
const reason = `contains the hold word "${holdWord}"`;

/*
 * Issue 8: the machine's verdict ({ status, reason, score }) is stored apart from the moderator's
 * note. Moderators see why Gazette held a reply; the reply's author, on every page, API answer and
 * feed they can reach, never does (it would tell a spammer which word to avoid).
 */
describe.each(testDatabases)('the moderation decision on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ app, container, clock, close } = await createTestApp(database));
    await container.discussion.update({ holdWords: [holdWord], autoApproveKnownAuthors: false }, testModerator);
  });
  afterEach(async () => {
    await close();
  });

  /** A reader's reply through the public form, held by the hold word; with the reader's own cookie. */
  async function heldByHoldWord() {
    clock.advance(20_000);
    const jar = new CookieJar();
    const response = await postForm(
      app,
      `/articles/${slug}/replies`,
      { comment: `The ${holdWord} report came out today.`, author: 'Wren', email: 'wren@example.org', url: '', comment_parent: '0' },
      jar,
      { 'x-forwarded-for': sender().ip },
    );
    const id = Number(/#reply-(\d+)$/.exec(String(response.headers.location))![1]);
    return { id, jar };
  }

  it('keeps the rules’ verdict with its reason and the spam filter’s score, and leaves the note to the author empty', async () => {
    const { id } = await heldByHoldWord();
    const row = await container.storage.db
      .selectFrom('replies')
      .select(['status', 'moderation_reason', 'decision_status', 'decision_reason', 'decision_score'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'held',
      moderation_reason: '',
      decision_status: 'held',
      decision_reason: reason,
      decision_score: expect.any(Number),
    });
    // The filter judged a plain reader's sentence, far from spam.
    expect(row.decision_score).toBeLessThan(0.5);
  });

  it('shows the reason on the desk’s reply page and list', async () => {
    const { id } = await heldByHoldWord();
    const editor = await makeUser(container, 'editor', 'Eda Editor');
    const session = await signedInAs(container, editor);
    const detail = await getPage(app, `/admin/replies/${id}`, session.jar);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Gazette held it: contains the hold word');
    expect((await getPage(app, '/admin/replies?status=held', session.jar)).body).toContain('Gazette held it: contains the hold word');
    expect((await container.desk.detail(id)).reply.decision).toEqual({ status: 'held', reason, score: expect.any(Number) });
  });

  it('never shows the reason to the reply’s author: their page while held, and pages, API and feeds once approved', async () => {
    const { id, jar } = await heldByHoldWord();
    const own = await getPage(app, `/articles/${slug}`, jar);
    expect(own.body).toContain(`The ${holdWord} report came out today.`);
    expect(own.body).not.toContain('hold word');

    clock.advance(20_000);
    const api = await app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      remoteAddress: sender().ip,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ comment: `More on ${holdWord}.`, author: 'Wren', email: 'wren@example.org' }),
    });
    expect(api.statusCode).toBeLessThan(300);
    expect(api.body).toContain('held');
    expect(api.body).not.toContain('hold word');

    await container.replies.changeReplyStatus([id], 'approved', testModerator);
    const reachable = [
      `/articles/${slug}`,
      `/api/articles/${slug}/replies`,
      `/articles/${slug}/replies/feed.xml`,
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
    ];
    for (const url of reachable) {
      const page = await getPage(app, url, jar);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('hold word');
    }
    expect((await getPage(app, `/articles/${slug}`, jar)).body).toContain(`The ${holdWord} report came out today.`);
  });
});
