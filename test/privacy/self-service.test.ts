import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import type { AddressExport } from '../../src/modules/privacy/index.js';
import { privacyLinkKey, signPrivacyLink } from '../../src/modules/privacy/privacy-links.js';
import { testDatabases } from '../support/databases.js';
import { replyFields, sender, testModerator } from '../support/factories.js';
import { getPage, postForm } from '../support/http.js';
import { drainJobs } from '../support/jobs.js';
import { SmtpSink, type SunkMail } from '../support/smtp-sink.js';
import { createTestApp, TEST_SITE_SECRET } from '../support/test-app.js';

const slug = demoArticle.slug!;
const ADA = 'ada@example.org';
const BOB = 'bob@example.org';
const THE_ANSWER = 'Thank you. If we hold anything for that address, a link is on its way. It works for one hour.';

describe.each(testDatabases)('personal data, self-service, on $name', (database) => {
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
    ({ app, container, clock, close } = await createTestApp(database, undefined, sink.appEnv()));
    articleId = (await container.articles.getPublished(slug)).id;
  });
  afterEach(() => close());

  const drain = () => drainJobs(container);

  /** An approved reply, as any writer makes it. */
  async function reply(
    author: string,
    email: string,
    comment: string,
    options: { parentId?: number; url?: string; notify?: boolean } = {},
  ) {
    clock.advance(60_000);
    const posted = await container.replies.post(
      replyFields({
        articleId,
        author,
        email,
        comment,
        parentId: options.parentId ?? null,
        url: options.url ?? '',
        notify: options.notify ?? false,
      }),
      sender('203.0.113.9'),
    );
    if (posted.status !== 'approved') await container.replies.changeReplyStatus([posted.id], 'approved', testModerator);
    return posted.id;
  }

  function tokenIn(mail: SunkMail): string {
    const match = /http:\/\/gazette\.test\/privacy\/verify\?token=([\w.-]+)/.exec(mail.parsed.text ?? '');
    expect(match, 'a /privacy/verify link in the mail').not.toBeNull();
    return match![1]!;
  }

  /** Asks for a link on the privacy page and returns the mailed token. */
  async function linkFor(email: string): Promise<string> {
    // Only the privacy mails: a reply asking for notifications has its own confirmation mail.
    const privacyMails = () => sink.to(email).filter((m) => m.parsed.subject === 'Your personal data on The Gazette');
    const before = privacyMails().length;
    const response = await postForm(app, '/privacy', { email });
    expect(response.statusCode).toBe(200);
    await drain();
    const mails = privacyMails();
    expect(mails.length).toBe(before + 1);
    return tokenIn(mails.at(-1)!);
  }

  function expectClear4xx(response: LightMyRequestResponse, status: number, words: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(words);
  }

  it('answers an unknown address exactly as a known one, and mails only the address that has data', async () => {
    await reply('Ada', ADA, 'The talks matter.');
    const known = await postForm(app, '/privacy', { email: 'Ada+news@Example.org' });
    const unknown = await postForm(app, '/privacy', { email: 'nobody@example.org' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toBe(known.body);
    expect(known.body).toContain(THE_ANSWER);
    expect(known.headers['cache-control']).toBe('no-store');
    await drain();
    // Matched through the keyed hash (the +tag and case set aside), mailed to the stored address only.
    expect(sink.inbox).toHaveLength(1);
    const mail = sink.inbox[0]!;
    expect(mail.to).toEqual([ADA]);
    expect(mail.parsed.subject).toBe('Your personal data on The Gazette');
    expect(mail.parsed.text).toContain('The link works for 60 minutes');
    expect(mail.parsed.html).toContain('See, download or erase your data</a>');
    expect(mail.parsed.messageId).toMatch(/^<privacy-\d+@gazette\.test>$/);
    // The queued job and the request row hold no address.
    const jobs = await container.storage.db.selectFrom('jobs').select(['name', 'payload']).where('name', '=', 'privacy.verify').execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.stringify(jobs)).not.toContain('example.org');
    const requests = await container.storage.db.selectFrom('privacy_requests').selectAll().execute();
    expect(JSON.stringify(requests)).not.toContain('example.org');
    expect(requests.map((r) => r.mailed).sort()).toEqual([0, 1]);
  });

  it('keeps the typed text and says what is wrong with something that is no address', async () => {
    const empty = await postForm(app, '/privacy', {});
    expectClear4xx(empty, 422, 'Please enter your email address.');
    const bad = await postForm(app, '/privacy', { email: 'not an <address>' });
    expectClear4xx(bad, 422, 'Please enter a valid email address');
    expect(bad.body).toContain('value="not an &lt;address>"');
    const long = await postForm(app, '/privacy', { email: `${'a'.repeat(300)}@example.org` });
    expectClear4xx(long, 422, 'Please enter a valid email address');
    const huge = await postForm(app, '/privacy', { email: 'x'.repeat(5000) });
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
  });

  it('limits requests from one network and mails one address at most three times an hour', async () => {
    await reply('Ada', ADA, 'The talks matter.');
    for (let i = 0; i < 10; i++)
      expect((await postForm(app, '/privacy', { email: i % 2 ? ADA : `x${i}@example.org` })).statusCode).toBe(200);
    const refused = await postForm(app, '/privacy', { email: 'someone@example.org' });
    expectClear4xx(refused, 429, 'Too many requests from your network');
    expect(refused.body).toContain('value="someone@example.org"');
    await drain();
    expect(sink.to(ADA)).toHaveLength(3);
    // An hour later the network may ask again.
    clock.advance(3600_000 + 1000);
    expect((await postForm(app, '/privacy', { email: ADA })).statusCode).toBe(200);
    await drain();
    expect(sink.to(ADA)).toHaveLength(4);
  });

  it('shows what is stored, and downloads every reply and subscription of the address as JSON', async () => {
    const first = await reply('Ada', ADA, 'Will the talks cover drills?', { url: 'https://ada.example.org/', notify: true });
    const bobs = await reply('Bob', BOB, 'They will.', { parentId: first });
    const second = await reply('Ada L.', 'ADA@example.org', 'Thanks, Bob.', { parentId: bobs });
    // The mail goes to the address as last given (the newest reply's).
    const token = await linkFor('ADA@example.org');

    const page = await getPage(app, `/privacy/verify?token=${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('We hold 2 replies and 1 reply notification for this address.');
    expect(page.body).toContain('Download my data</button>');
    expect(page.body).toContain(`href="/privacy/erase?token=${token}"`);

    const download = await postForm(app, '/privacy/download', { token });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/json/);
    expect(download.headers['content-disposition']).toBe('attachment; filename="personal-data.json"');
    const data = JSON.parse(download.body) as AddressExport;
    expect(data.format).toBe('gazette-personal-data/1');
    expect(data.replies.map((r) => r.id)).toEqual([first, second]);
    const [one, two] = data.replies;
    expect(one).toMatchObject({
      article: { id: articleId, slug, headline: demoArticle.headline, url: `http://gazette.test/articles/${slug}` },
      parentId: null,
      name: 'Ada',
      email: ADA,
      website: 'https://ada.example.org/',
      text: 'Will the talks cover drills?',
      status: 'approved',
      ipAddress: '203.0.113.9',
      userAgent: 'vitest',
    });
    expect(one!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(two).toMatchObject({ parentId: bobs, name: 'Ada L.', email: 'ADA@example.org', text: 'Thanks, Bob.' });
    expect(data.subscriptions).toHaveLength(1);
    expect(data.subscriptions[0]).toMatchObject({ replyId: first, article: { id: articleId }, status: 'pending', scope: 'answers' });
    // Nobody else's words or address.
    expect(download.body).not.toContain(BOB);
    expect(download.body).not.toContain('They will.');
    // Downloading changes nothing, and may be done again.
    expect((await postForm(app, '/privacy/download', { token })).statusCode).toBe(200);
  });

  it('refuses forged, cut, expired and replayed links with a clear page, never a 5xx', async () => {
    await reply('Ada', ADA, 'The talks matter.');
    const token = await linkFor(ADA);

    const forged = signPrivacyLink(
      privacyLinkKey('another site secret entirely, 0123456789'),
      1,
      new Date(clock.now().getTime() + 3600_000),
    );
    expectClear4xx(await getPage(app, `/privacy/verify?token=${forged}`), 422, 'This link is not one of ours');
    expectClear4xx(await getPage(app, `/privacy/verify?token=${token.slice(0, -3)}`), 422, 'This link is not one of ours');
    expectClear4xx(await postForm(app, '/privacy/download', { token: `${token}x` }), 422, 'This link is not one of ours');
    expectClear4xx(await postForm(app, '/privacy/erase', { token: 'p1.1.1.AAAA' }), 422, 'This link is not one of ours');
    // A request id nobody made, correctly signed: as good as expired.
    const stranger = signPrivacyLink(privacyLinkKey(TEST_SITE_SECRET), 999_999, new Date(clock.now().getTime() + 3600_000));
    expectClear4xx(await getPage(app, `/privacy/verify?token=${stranger}`), 403, 'This link has expired');
    for (const junk of ['', '%00', 'a'.repeat(300), encodeURIComponent('p1.<script>.1.x')]) {
      const response = await getPage(app, `/privacy/verify?token=${junk}`);
      expect(response.statusCode, junk).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, junk).toBeLessThan(500);
    }
    const noToken = await postForm(app, '/privacy/erase', {});
    expect(noToken.statusCode).toBe(400);

    // Erased once; the same link again (a replay, or a second tab) is refused, and nothing else changes.
    expect((await postForm(app, '/privacy/erase', { token })).statusCode).toBe(200);
    expectClear4xx(await postForm(app, '/privacy/erase', { token }), 403, 'This link was used already');
    expectClear4xx(await getPage(app, `/privacy/verify?token=${token}`), 403, 'This link was used already');
    expectClear4xx(await postForm(app, '/privacy/download', { token }), 403, 'This link was used already');

    // Expired: an hour and a bit later.
    await reply('Ada', ADA, 'Back again.');
    const later = await linkFor(ADA);
    clock.advance(3600_000 + 1000);
    expectClear4xx(await getPage(app, `/privacy/verify?token=${later}`), 403, 'This link has expired');
    expectClear4xx(await postForm(app, '/privacy/erase', { token: later }), 403, 'This link has expired');
  });

  it('anonymises by default: the text stays under “Anonymous”, everything pointing at the person is wiped, in one go', async () => {
    const ada = await reply('Ada Lovelace', ADA, 'Will the talks cover drills?', { url: 'https://ada.example.org/', notify: true });
    const bob = await reply('Bob', BOB, 'They will.', { parentId: ada });
    // The article page is cached while it shows Ada's name.
    const before = await getPage(app, `/articles/${slug}`);
    expect(before.body).toContain('Ada Lovelace');
    expect((await getPage(app, `/articles/${slug}`)).headers['x-cache']).toBe('hit');

    const token = await linkFor(ADA);
    const confirm = await getPage(app, `/privacy/erase?token=${token}`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('under the name “Anonymous”');
    expect(confirm.body).toContain('Yes, erase my data</button>');
    // The confirm step changes nothing.
    expect((await container.replies.find(ada))!.authorName).toBe('Ada Lovelace');

    const erased = await postForm(app, '/privacy/erase', { token });
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Done: 1 reply anonymised, 1 reply notification deleted.');

    const row = await container.storage.db.selectFrom('replies').selectAll().where('id', '=', ada).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      author_name: 'Anonymous',
      author_email: '',
      author_url: '',
      ip: '',
      user_agent: '',
      body: 'Will the talks cover drills?',
    });
    expect(row.author_email_hash).toMatch(/^[0-9a-f]{64}$/);
    const emails = await container.replies.commenterEmails();
    expect(row.author_email_hash).not.toBe(emails.fingerprint(ADA));
    expect(await container.storage.db.selectFrom('notify_subscriptions').selectAll().execute()).toEqual([]);
    // Bob's answer is untouched.
    expect((await container.replies.find(bob))!).toMatchObject({ authorName: 'Bob', parentId: ada });

    // The cached page was dropped: the next one shows "Anonymous", not the name.
    const after = await getPage(app, `/articles/${slug}`);
    expect(after.headers['x-cache']).not.toBe('hit');
    expect(after.body).not.toContain('Ada Lovelace');
    expect(after.body).toContain('Anonymous');
    expect(after.body).not.toContain('ada.example.org');

    // Nothing is held for the address any more: a new request mails nothing.
    const mailsBefore = sink.inbox.length;
    await postForm(app, '/privacy', { email: ADA });
    await drain();
    expect(sink.inbox).toHaveLength(mailsBefore);

    // The audit trail has the erasure, with counts and a hash prefix, never the address.
    const [entry] = await container.audit.list({ subjectType: 'address' });
    expect(entry).toMatchObject({ action: 'privacy.erase', actor: { kind: 'system', name: 'reader (verified privacy link)' } });
    expect(entry!.after).toMatchObject({ mode: 'anonymise', replies: 1, subscriptions: 1 });
    const trail = JSON.stringify(await container.storage.db.selectFrom('audit_log').selectAll().execute());
    expect(trail).not.toContain(ADA);
    expect(trail).not.toContain('Ada Lovelace');
  });

  it('removes replies when the setting says so; answers to them move up to the nearest reply that stays', async () => {
    await container.discussion.update({ erasureMode: 'remove' }, testModerator);
    const carl = await reply('Carl', 'carl@example.org', 'Opening words.');
    const ada1 = await reply('Ada', ADA, 'First.', { parentId: carl });
    const ada2 = await reply('Ada', ADA, 'Second, answering myself.', { parentId: ada1 });
    const bob = await reply('Bob', BOB, 'Answering Ada twice over.', { parentId: ada2 });
    const dan = await reply('Dan', 'dan@example.org', 'Answering Ada once.', { parentId: ada1 });
    const top = await reply('Ada', ADA, 'A reply of my own.', { notify: true });
    const eve = await reply('Eve', 'eve@example.org', 'Answering that.', { parentId: top });

    const token = await linkFor(ADA);
    const confirm = await getPage(app, `/privacy/erase?token=${token}`);
    expect(confirm.body).toContain('Your replies are deleted.');
    const erased = await postForm(app, '/privacy/erase', { token });
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Done: 3 replies deleted, 1 reply notification deleted.');

    for (const id of [ada1, ada2, top]) expect(await container.replies.find(id)).toBeUndefined();
    expect((await container.replies.find(bob))!.parentId).toBe(carl);
    expect((await container.replies.find(dan))!.parentId).toBe(carl);
    expect((await container.replies.find(eve))!.parentId).toBeNull();
    expect((await container.replies.find(carl))!.authorName).toBe('Carl');
    expect(await container.storage.db.selectFrom('notify_subscriptions').selectAll().execute()).toEqual([]);

    const page = await getPage(app, `/articles/${slug}`);
    expect(page.body).not.toContain('Second, answering myself.');
    expect(page.body).toContain('Answering Ada twice over.');
    const [entry] = await container.audit.list({ subjectType: 'address' });
    expect(entry!.after).toMatchObject({ mode: 'remove', replies: 3, answersMoved: 3, subscriptions: 1 });
  });

  it('spends the link once when two erasures race', async () => {
    await reply('Ada', ADA, 'One.');
    await reply('Ada', ADA, 'Two.');
    const token = await linkFor(ADA);
    const answers = await Promise.all([postForm(app, '/privacy/erase', { token }), postForm(app, '/privacy/erase', { token })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 403]);
    expect(await container.audit.list({ subjectType: 'address' })).toHaveLength(1);
  });
});
