import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { demoArticle } from '../../src/modules/articles/index.js';
import { notifyLinkKey, signLink } from '../../src/modules/notify/notify-links.js';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { testDatabases } from '../support/databases.js';
import { replyFields, sender, testModerator } from '../support/factories.js';
import { getPage, postForm, personFormToken } from '../support/http.js';
import { drainJobs } from '../support/jobs.js';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { createTestApp, TEST_SITE_SECRET } from '../support/test-app.js';

const slug = demoArticle.slug!;
const formUrl = `/articles/${slug}/replies`;
const ADA = 'ada@example.org';
const BOB = 'bob@example.org';

describe.each(testDatabases)('reply notifications by email on $name', (database) => {
  const sink = new SmtpSink();
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let articleId: number;

  beforeAll(() => sink.start());
  afterAll(() => sink.stop());
  beforeEach(async () => {
    sink.inbox.length = 0;
    const ctx = await createTestApp(database, undefined, sink.appEnv());
    ({ app, container, clock, close } = ctx);
    articleId = (await container.articles.getPublished(slug)).id;
  });
  afterEach(() => close());

  const drain = () => drainJobs(container);

  /** A reader's post through the plain form (JavaScript off), moved on in time so flood control stays quiet. */
  async function postByForm(fields: Record<string, string>): Promise<number> {
    clock.advance(60_000);
    const response = await postForm(app, formUrl, { comment_parent: '0', url: '', ...fields });
    expect(response.statusCode).toBe(303);
    return Number(String(response.headers.location).split('#reply-')[1]);
  }

  /** An approved reply by someone (through the service, as any writer), optionally answering `parentId`. */
  async function answer(author: string, email: string, comment: string, parentId: number | null = null): Promise<number> {
    clock.advance(60_000);
    const posted = await container.replies.post(replyFields({ articleId, parentId, author, email, comment }), sender());
    if (posted.status !== 'approved') await container.replies.changeReplyStatus([posted.id], 'approved', testModerator);
    return posted.id;
  }

  function linkIn(mail: SunkMail, path: string): string {
    const match = new RegExp(`http://gazette\\.test${path}\\?token=[\\w.-]+`).exec(mail.parsed.text ?? '');
    expect(match, `a ${path} link in the mail`).not.toBeNull();
    return match![0].replace('http://gazette.test', '');
  }

  async function subscribeAda(scope: 'answers' | 'article' = 'answers'): Promise<number> {
    const adaReply = await postByForm({ comment: 'Will the talks cover the joint drills?', author: 'Ada', email: ADA, notify: 'yes' });
    await container.replies.changeReplyStatus([adaReply], 'approved', testModerator);
    await drain();
    const confirmPath = linkIn(sink.to(ADA).at(-1)!, '/notify/confirm');
    const token = new URL(confirmPath, 'http://x').searchParams.get('token')!;
    const confirmed = await postForm(app, '/notify/confirm', { token, scope });
    expect(confirmed.statusCode).toBe(200);
    sink.inbox.length = 0;
    return adaReply;
  }

  it('asks for confirmation first, and sends nothing else until the reader confirms (double opt-in)', async () => {
    const adaReply = await postByForm({ comment: 'Will the talks cover the joint drills?', author: 'Ada', email: ADA, notify: 'yes' });
    await drain();
    const [confirmation, ...others] = sink.inbox;
    expect(others).toHaveLength(0);
    expect(confirmation!.to).toEqual([ADA]);
    expect(confirmation!.parsed.subject).toBe('Confirm reply notifications from The Gazette');
    expect(confirmation!.parsed.text).toContain(demoArticle.headline);
    expect(confirmation!.parsed.html).toContain('Confirm reply notifications</a>');

    // An answer before the confirmation reaches nobody.
    await container.replies.changeReplyStatus([adaReply], 'approved', testModerator);
    await answer('Bob', BOB, 'They will, says the ministry.', adaReply);
    await drain();
    expect(sink.to(ADA)).toHaveLength(1);

    // Opening the link (a mail scanner does) only shows the choice; the button confirms.
    const confirmPath = linkIn(confirmation!, '/notify/confirm');
    const page = await getPage(app, confirmPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('when someone answers my comment');
    expect(page.body).toContain('for every new reply on this article');
    const again = await getPage(app, confirmPath);
    expect(again.body).toContain('Confirm</button>');

    const token = new URL(confirmPath, 'http://x').searchParams.get('token')!;
    const confirmed = await postForm(app, '/notify/confirm', { token, scope: 'answers' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Thank you, confirmed.');
    // The link opened twice, or its form replayed: the same state, nothing new.
    expect((await getPage(app, confirmPath)).body).toContain('This address is already confirmed.');
    expect((await postForm(app, '/notify/confirm', { token, scope: 'article' })).body).toContain('when someone answers your comment');
  });

  it('mails the answer to a threaded reply: text and HTML, the answer and its link, never the answerer’s email', async () => {
    const adaReply = await subscribeAda();
    const bobReply = await answer('Bob', BOB, 'They will, says the ministry.\n\nAnd the Indo-Pacific too.', adaReply);
    await drain();
    const mails = sink.to(ADA);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.parsed.subject).toBe(`Bob answered your comment on “${demoArticle.headline}”`);
    expect(mail.parsed.text).toContain('> They will, says the ministry.');
    expect(mail.parsed.text).toContain(`http://gazette.test/articles/${slug}#reply-${bobReply}`);
    expect(mail.parsed.html).toContain(`href="http://gazette.test/articles/${slug}#reply-${bobReply}"`);
    expect(mail.parsed.html).toContain('<p>And the Indo-Pacific too.</p>');
    expect(mail.raw).not.toContain(BOB);
    // RFC 8058: an https (here the test site's http) link taking a POST, and the one-click marker.
    const headers = mail.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/gazette\.test\/notify\/unsubscribe\?token=[\w.-]+>$/m);
    expect(mail.parsed.text).toContain('Stop these mails: http://gazette.test/notify/unsubscribe?token=');
    expect(mail.parsed.messageId).toMatch(/^<notify-answer-\d+@gazette\.test>$/);

    // Bob hears nothing of his own words, nor does a reply approved a second time mail Ada again.
    await container.replies.changeReplyStatus([bobReply], 'held', testModerator);
    await container.replies.changeReplyStatus([bobReply], 'approved', testModerator);
    await drain();
    expect(sink.inbox).toHaveLength(1);
    // A reply to the article, not to Ada, is not hers to hear of.
    await answer('Carol', 'carol@example.org', 'A different point entirely.');
    await drain();
    expect(sink.inbox).toHaveLength(1);
  });

  it('mails the answer a newsroom member gives from the desk', async () => {
    const adaReply = await subscribeAda();
    const editor = await container.accounts.create({
      email: 'desk@newsroom.example',
      name: 'Desk Editor',
      role: 'editor',
      password: 'correct horse battery staple',
    });
    const answerId = await container.replies.answerAsStaff(adaReply, 'Thanks, Ada: yes, the drills are on the agenda.', {
      id: editor.id,
      name: editor.name,
      email: editor.email,
    });
    await drain();
    const mails = sink.to(ADA);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe(`Desk Editor answered your comment on “${demoArticle.headline}”`);
    expect(mails[0]!.parsed.text).toContain(`#reply-${answerId}`);
    expect(mails[0]!.raw).not.toContain('desk@newsroom.example');
  });

  it('with “every new reply” chosen, mails each new reply on the article', async () => {
    await subscribeAda('article');
    await answer('Carol', 'carol@example.org', 'A different point entirely.');
    await drain();
    const mails = sink.to(ADA);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe(`Carol replied on “${demoArticle.headline}”`);
  });

  it('unsubscribes in one click (RFC 8058): a cookieless POST, then no more mail; an unknown one answers the same', async () => {
    const adaReply = await subscribeAda();
    await answer('Bob', BOB, 'First answer.', adaReply);
    await drain();
    const unsubscribePath = linkIn(sink.to(ADA)[0]!, '/notify/unsubscribe');

    // The page behind the link changes nothing by itself.
    expect((await getPage(app, unsubscribePath)).body).toContain('Stop the mails</button>');
    const oneClick = await app.inject({
      method: 'POST',
      url: unsubscribePath,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('this address will get no more reply notifications');

    await answer('Carol', 'carol@example.org', 'Second answer.', adaReply);
    await drain();
    expect(sink.to(ADA)).toHaveLength(1);

    // A properly signed link for a subscription that never existed: the same answer, no hint.
    const stranger = signLink(notifyLinkKey(TEST_SITE_SECRET), 'unsubscribe', 987_654, null);
    const unknown = await app.inject({
      method: 'POST',
      url: `/notify/unsubscribe?token=${stranger}`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(oneClick.body);
  });

  it('refuses forged and expired links with a message, and changes nothing', async () => {
    await postByForm({ comment: 'Notify me, please.', author: 'Ada', email: ADA, notify: 'yes' });
    await drain();
    const confirmPath = linkIn(sink.to(ADA)[0]!, '/notify/confirm');
    const token = new URL(confirmPath, 'http://x').searchParams.get('token')!;

    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await postForm(app, '/notify/confirm', { token: forged });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('This link is not one of ours');
    const otherPurpose = await postForm(app, `/notify/unsubscribe?token=${encodeURIComponent(token)}`, {});
    expect(otherPurpose.statusCode).toBe(422);
    expect((await getPage(app, '/notify/confirm?token=%0d%0aSet-Cookie:x')).statusCode).toBe(422);

    clock.advance(8 * 24 * 3600_000);
    const expired = await postForm(app, '/notify/confirm', { token });
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('This confirmation link has expired');
    const row = await container.storage.db.selectFrom('notify_subscriptions').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('takes the checkbox through the JSON API (JavaScript on), and leaves it off by default', async () => {
    const page = await getPage(app, `/articles/${slug}`);
    expect(page.body).toMatch(/<input id="notify" name="notify" type="checkbox" value="yes"\/?>/);
    expect(page.body).toContain('<label for="notify">Notify me of follow-up replies by email</label>');

    clock.advance(60_000);
    const posted = await app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: { ...personFormToken(app), comment: 'Posted inline.', author: 'Ada', email: ADA, notify: true },
    });
    expect(posted.statusCode).toBe(201);
    // Without the box: no subscription, no mail.
    await postByForm({ comment: 'Not ticked.', author: 'Bob', email: BOB });
    await drain();
    expect(sink.inbox.map((m) => m.to[0])).toEqual([ADA]);
    expect(sink.inbox[0]!.parsed.subject).toMatch(/^Confirm reply notifications/);
    const rows = await container.storage.db.selectFrom('notify_subscriptions').selectAll().execute();
    expect(rows).toHaveLength(1);
    // Keyed by the email hash; no address in the table.
    expect(JSON.stringify(rows)).not.toContain('example.org');
  });

  it('keeps names and subjects to one header line: no injected headers', async () => {
    const adaReply = await subscribeAda();
    // The form's rules take control characters out of names; a writer that did not (an import,
    // a hand edit) still cannot add a header: the mailer folds every line break to a space.
    const id = await answer('Bob', BOB, 'Hello.', adaReply);
    await container.storage.db
      .updateTable('replies')
      .set({ author_name: 'Mallory\r\nBcc: victim@example.net\r\nX-Evil: 1' })
      .where('id', '=', id)
      .execute();
    await drain();
    const mail = sink.to(ADA)[0]!;
    expect(sink.inbox.flatMap((m) => m.to)).not.toContain('victim@example.net');
    expect(mail.parsed.headers.has('x-evil')).toBe(false);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    expect(mail.parsed.subject).toContain('Mallory Bcc: victim@example.net X-Evil: 1 answered your comment');
  });

  it('keeps mail while the mail server is down and sends it, once, when it returns', async () => {
    const adaReply = await subscribeAda();
    await sink.stop();
    // The reply is taken at once: mail is queued in its transaction, sent later.
    const bobReply = await answer('Bob', BOB, 'Sent while the mail server is away.', adaReply);
    expect((await container.replies.find(bobReply))?.status).toBe('approved');
    await drain();
    expect((await container.jobs.counts()).pending).toBeGreaterThan(0);
    // An hour and more of failed tries.
    for (let minute = 0; minute < 75; minute += 5) {
      clock.advance(5 * 60_000);
      await container.jobs.runDue(50);
    }
    expect((await container.jobs.counts()).failed).toBe(0);
    expect(sink.inbox).toHaveLength(0);

    await sink.start();
    clock.advance(3600_000);
    await drain();
    expect(sink.to(ADA)).toHaveLength(1);
    clock.advance(3600_000);
    await drain();
    expect(sink.to(ADA)).toHaveLength(1);
    expect((await container.jobs.counts()).failed).toBe(0);
  });
});
