import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { demoArticle } from '../../src/modules/articles/index.js';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { replyFields, sender } from '../support/factories.js';
import { getPage } from '../support/http.js';
import { drainJobs } from '../support/jobs.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp } from '../support/test-app.js';

describe.each(testDatabases)('moderators hear of held replies on $name', (database) => {
  const sink = new SmtpSink();
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;

  beforeAll(() => sink.start());
  afterAll(() => sink.stop());
  beforeEach(async () => {
    sink.inbox.length = 0;
    ({ app, container, clock, close } = await createTestApp(database, new Date('2026-01-05T10:00:00Z'), sink.appEnv()));
  });
  afterEach(() => close());

  const drain = () => drainJobs(container);

  async function heldReply(author: string, comment: string): Promise<number> {
    clock.advance(60_000);
    const articleId = (await container.articles.getPublished(demoArticle.slug!)).id;
    const posted = await container.replies.post(
      replyFields({ articleId, author, email: `${author.toLowerCase()}@example.org`, comment }),
      sender(),
    );
    expect(posted.status).toBe('held');
    return posted.id;
  }

  /** Sets a member's choice through their newsroom page, as they would. */
  async function choose(user: { id: number } & Parameters<typeof signedInAs>[1], choice: string) {
    const { jar, csrf } = await signedInAs(container, user);
    const page = await getPage(app, '/admin/account/notifications', jar);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('When replies are held for moderation, send me');
    const saved = await adminPost(app, '/admin/account/notifications', { _csrf: csrf, heldReplies: choice }, jar);
    expect(saved.statusCode).toBe(303);
    const bad = await adminPost(app, '/admin/account/notifications', { _csrf: csrf, heldReplies: 'hourly' }, jar);
    expect(bad.statusCode).toBe(400);
  }

  it('mails each moderator who wants it, a digest to those who chose it, nothing to the others or to authors', async () => {
    const eager = await makeUser(container, 'editor', 'Eager Editor');
    const digester = await makeUser(container, 'administrator', 'Daily Admin');
    const quiet = await makeUser(container, 'editor', 'Quiet Editor');
    const author = await makeUser(container, 'author', 'Plain Author');
    await choose(digester, 'daily');
    await choose(quiet, 'off');

    await heldReply('Mallory', 'A first comment, held for a look.');
    await heldReply('Trent', 'Another newcomer.');
    await drain();
    expect(sink.inbox.flatMap((m) => m.to).sort()).toEqual([eager.email, eager.email]);
    const one = sink.to(eager.email).find((m) => m.parsed.subject === 'A reply by Mallory is waiting for moderation')!;
    expect(one.parsed.text).toContain('> A first comment, held for a look.');
    expect(one.parsed.text).toContain('http://gazette.test/admin/replies?status=held');
    expect(one.parsed.html).toContain('<strong>Mallory</strong>');
    expect(one.raw).not.toContain('mallory@example.org');

    // Next morning, after 07:00 UTC: one digest for the day, however often the scheduler asks.
    sink.inbox.length = 0;
    clock.set(new Date('2026-01-06T07:30:00Z'));
    await container.notify.queueDigest();
    await container.notify.queueDigest();
    await drain();
    expect(sink.inbox.map((m) => m.to[0])).toEqual([digester.email]);
    const digest = sink.inbox[0]!;
    expect(digest.parsed.subject).toBe('2 replies held for moderation on The Gazette (2026-01-06)');
    expect(digest.parsed.text).toContain('Mallory on');
    expect(digest.parsed.text).toContain('Trent on');
    expect(sink.to(author.email)).toHaveLength(0);
    expect(sink.to(quiet.email)).toHaveLength(0);
  });

  it('sends no held-reply mail for a reply moderated before the job ran', async () => {
    await makeUser(container, 'editor');
    const id = await heldReply('Mallory', 'Approved quickly.');
    await container.replies.changeReplyStatus([id], 'approved', { kind: 'system', id: null, name: 'test' });
    await drain();
    expect(sink.inbox).toHaveLength(0);
  });
});
