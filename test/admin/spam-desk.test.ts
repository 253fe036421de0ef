import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage, postForm } from '../support/http.js';
import { sender } from '../support/factories.js';
import { createTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const DAY = 86_400_000;

/** A local shop's promotion: spam to the shipped model, welcome on a small town's site. */
const bakery = {
  comment: 'Our family bakery on Harbour Street has fresh rye bread every morning, visit us at https://harbourbakery.shop',
  author: 'Harbour Bakery',
  email: 'hello@mail.example',
  url: 'https://harbourbakery.shop',
};
const pharmacy = {
  comment: 'Cheap viagra and cialis without prescription, 80% off, fast worldwide shipping: https://rx-pills-discount.top/buy',
  author: 'Cheap Pills',
  email: 'sales@mail.example',
  url: 'https://rx-pills-discount.top',
};

describe.each(testDatabases)('the spam filter on the moderation desk on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: (() => Promise<void>) | undefined;

  async function start(env?: Record<string, string>) {
    ({ app, container, clock, close } = await createTestApp(database, undefined, env));
    const editor = await makeUser(container, 'editor', 'Eda Editor');
    return signedInAs(container, editor);
  }
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A reader's reply through the public form, as a person fills it; returns its id. */
  async function post(fields: typeof bakery, jar = new CookieJar()) {
    clock.advance(20_000); // past the flood interval
    const response = await postForm(app, `/articles/${slug}/replies`, { ...fields, comment_parent: '0' }, jar, {
      'x-forwarded-for': sender().ip,
    });
    expect(response.statusCode).toBe(303);
    return Number(/#reply-(\d+)$/.exec(String(response.headers.location))![1]);
  }

  it('puts a spam reply in the spam queue, showing its score and strongest signals, and "Not spam" teaches the next verdict', async () => {
    const session = await start();
    const first = await post(bakery);
    expect((await container.replies.find(first))?.status).toBe('spam');

    const queue = await getPage(app, '/admin/replies?status=spam', session.jar);
    expect(queue.body).toMatch(/Gazette marked it as spam: the spam filter scored it [01]\.\d\d; strongest signals: [\w:.+-]+/);
    expect(queue.body).toMatch(/aria-label="Not spam reply \d+ by Harbour Bakery"/);
    expect(queue.body).toContain('Not spam (approve)');

    const notSpam = await adminPost(
      app,
      '/admin/replies/bulk',
      { _csrf: session.csrf, one: `approve:${first}`, return: '/admin/replies?status=spam' },
      session.jar,
    );
    expect(notSpam.statusCode).toBe(303);
    expect((await container.replies.find(first))?.status).toBe('approved');

    // The same shop writes again, in other words: the moderator's decision carries over.
    const second = await post({ ...bakery, comment: `${bakery.comment} Open on Sundays too.` });
    const reply = await container.replies.find(second);
    expect(reply?.status).not.toBe('spam');
    // Unrelated spam is still caught.
    expect((await container.replies.find(await post(pharmacy)))?.status).toBe('spam');
  });

  it('tells the author of a reply the filter caught that it waits for a moderator; once a moderator removes it, that it was removed', async () => {
    const session = await start();
    const jar = new CookieJar();
    const id = await post(pharmacy, jar);
    expect((await container.replies.find(id))?.status).toBe('spam');
    const own = await getPage(app, `/articles/${slug}`, jar);
    expect(own.body).toContain('Your comment is awaiting moderation.');
    expect(own.body).not.toContain('removed by a moderator');
    expect((await getPage(app, `/articles/${slug}`)).body).not.toContain('rx-pills-discount');

    await adminPost(app, '/admin/replies/bulk', { _csrf: session.csrf, one: `trash:${id}`, return: '/admin/replies' }, session.jar);
    const after = await getPage(app, `/articles/${slug}`, jar);
    expect(after.body).toContain('Your comment was removed by a moderator');
  });

  it('"Spam" on a waiting reply moves it to the spam queue and teaches the filter', async () => {
    const session = await start();
    const text = { ...bakery, comment: 'Lovely photos of the harbour, thank you.', url: '', author: 'Harbour Fan' };
    const id = await post(text);
    // A first-time reader waits for a moderator; the filter itself found nothing.
    expect((await container.replies.find(id))?.status).toBe('held');
    const before = container.spam.score(text).score;
    await adminPost(app, '/admin/replies/bulk', { _csrf: session.csrf, one: `spam:${id}`, return: '/admin/replies' }, session.jar);
    expect((await container.replies.find(id))?.status).toBe('spam');
    await container.spam.refresh();
    expect(container.spam.score(text).score).toBeGreaterThan(before);
  });

  it('holds what the filter judges spam when the site asks, with the same reason', async () => {
    await start();
    const admin = await makeUser(container, 'administrator');
    await container.discussion.update({ spamFilterSends: 'held' }, { kind: 'user', id: admin.id, name: 'Ada Admin' });
    const id = await post(pharmacy);
    const reply = await container.replies.find(id);
    expect(reply?.status).toBe('held');
    const [item] = await container.desk.list({ status: 'held' });
    expect(item?.decision).toMatchObject({ status: 'held', reason: expect.stringMatching(/^the spam filter scored it/) });
  });

  it('empties spam older than a number of days, auditing each, and refuses a number it cannot use', async () => {
    await start();
    const old = await post(pharmacy);
    clock.advance(40 * DAY);
    const recent = await post({ ...pharmacy, comment: `${pharmacy.comment} Today only!` });
    const kept = await post({ ...bakery, comment: 'The bakery story made me smile.', url: '', author: 'Ann' });
    // Signed in now: a session from forty days ago has long expired.
    const session = await signedInAs(container, await makeUser(container, 'editor', 'Mo Moderator'));

    for (const days of ['0', '3651', 'ten', '']) {
      const refused = await adminPost(app, '/admin/replies/empty-spam', { _csrf: session.csrf, days }, session.jar);
      expect(refused.statusCode, days).toBe(422);
      expect(refused.body, days).toContain('Enter a whole number of days from 1 to 3650.');
    }
    expect(await container.replies.find(old)).toBeDefined();

    const page = await getPage(app, '/admin/replies?status=spam', session.jar);
    expect(page.body).toContain('Delete spam older than');
    const emptied = await adminPost(app, '/admin/replies/empty-spam', { _csrf: session.csrf, days: '30' }, session.jar);
    expect(emptied.statusCode).toBe(303);
    expect(emptied.headers.location).toBe('/admin/replies?status=spam&done=emptied&n=1');
    expect(await container.replies.find(old)).toBeUndefined();
    expect((await container.replies.find(recent))?.status).toBe('spam');
    expect((await container.replies.find(kept))?.status).not.toBe('spam');
    expect(await container.replies.find(kept)).toBeDefined();
    const [entry] = await container.audit.list({ subjectId: old });
    expect(entry).toMatchObject({ action: 'reply.delete', reason: 'spam older than 30 days', before: { status: 'spam' } });
    const notice = await getPage(app, String(emptied.headers.location), session.jar);
    expect(notice.body).toContain('1 reply deleted for good from the spam queue.');
  });

  it('keeps taking replies when the model cannot be read: holds them, and the desk says why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gazette-model-'));
    const corrupt = join(folder, 'spam-model.json');
    writeFileSync(corrupt, '{"format": "gazette-spam-model", "model": ');
    const session = await start({ SPAM_MODEL_FILE: corrupt });
    const id = await post({ ...bakery, comment: 'Lovely photos of the harbour, thank you.', url: '', author: 'Harbour Fan' });
    expect((await container.replies.find(id))?.status).toBe('held');
    const desk = await getPage(app, '/admin/replies', session.jar);
    expect(desk.body).toContain('The spam filter is not working');
    expect(desk.body).toContain('Every new reply is held for a moderator until it works again.');
  });
});
