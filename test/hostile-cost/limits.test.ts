import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { replyLimits } from '../../src/modules/replies/index.js';
import { WORD_LIST_LIMIT } from '../../src/modules/moderation/index.js';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar } from '../support/http.js';
import { createTestContext, useTestApp, type TestContext } from '../support/test-app.js';

const slug = demoArticle.slug!;

/** A reply form body as a browser encodes it. */
function replyForm(comment: string): string {
  return new URLSearchParams({ comment, author: 'Min-jun', email: 'minjun@example.org', url: '' }).toString();
}

describe.each(testDatabases)('request bodies sized for what they carry, on $name', (database) => {
  const site = useTestApp(database);

  it('takes the longest reply a reader may write, in the widest characters, through the form and the API', async () => {
    // 65,525 Hangul syllables: 3 bytes each in UTF-8, 9 once percent-encoded; about 590 KB.
    const comment = '한'.repeat(replyLimits.comment);
    const form = await site.app.inject({
      method: 'POST',
      url: `/articles/${slug}/replies`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'sec-fetch-site': 'same-origin' },
      payload: replyForm(comment),
    });
    expect(form.statusCode).toBe(303);
    const api = await site.app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.1.1' },
      payload: JSON.stringify({ comment: `${comment.slice(1)}!`, author: 'Ji-woo', email: 'jiwoo@example.org' }),
      remoteAddress: '10.2.2.2',
    });
    expect(api.statusCode).toBe(201);
  });

  it('refuses a reply body larger than the longest reply needs, with 413 and a message, before parsing it', async () => {
    const response = await site.app.inject({
      method: 'POST',
      url: `/articles/${slug}/replies`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: replyForm('x'.repeat(700 * 1024)),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: {
        code: 'too_large',
        message: 'What you sent is larger than this form accepts, so it was not read. Shorten it and send it again.',
      },
    });
    const stored = await site.container.storage.db.selectFrom('replies').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('gives every other form 64 KB: a sign-in of 100 KB is refused', async () => {
    const response = await site.app.inject({
      method: 'POST',
      url: '/admin/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: `email=a%40b.org&password=${'p'.repeat(100 * 1024)}`,
    });
    expect(response.statusCode).toBe(413);
  });

  it('lets a moderator send a long word list, within the settings form’s own limit', async () => {
    const admin = await makeUser(site.container, 'administrator');
    const { jar, csrf } = await signedInAs(site.container, admin);
    const words = Array.from({ length: 12_000 }, (_, i) => `wörd${i}`)
      .join('\n')
      .slice(0, WORD_LIST_LIMIT);
    const fields = {
      _csrf: csrf,
      requireNameEmail: 'on',
      autoApproveKnownAuthors: 'on',
      detectDuplicates: 'on',
      holdLinkCount: '2',
      closeAfterDays: '0',
      threadDepth: '5',
      repliesPerPage: '0',
      floodIntervalSeconds: '15',
      order: 'oldest',
      holdWords: words,
      blockWords: words,
    };
    const saved = await adminPost(site.app, '/admin/settings/discussion', fields, jar);
    expect(saved.statusCode).toBe(303);
    const tooBig = await adminPost(site.app, '/admin/settings/discussion', { ...fields, holdWords: words.repeat(20) }, jar, {
      accept: 'application/json',
    });
    expect(tooBig.statusCode).toBe(413);
  });
});

/** Resolves with everything the server sent once it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined);
  });
}

describe('the HTTP server cuts off slow and oversized request heads', () => {
  let ctx: TestContext;
  let port: number;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ctx = await createTestContext(testDatabases[0]!);
    // The production limits, with the head's time shortened so the test is quick (10 s in production).
    const app = await buildApp(ctx.container, { logger: false, serverLimits: { headersTimeoutMs: 300, checkIntervalMs: 50 } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    close = async () => {
      await app.close();
      await ctx.close();
    };
  });
  afterEach(() => close());

  it('answers 408 and closes the connection of a client that sends its headers a byte at a time', async () => {
    const socket = connect(port, '127.0.0.1');
    const closed = untilClosed(socket);
    const head = `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}`;
    // One byte every 20 ms for as long as the connection stays open (at most the whole head: 4 s).
    let sent = 0;
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= head.length) return clearInterval(trickle);
      socket.write(head[sent++]!);
    }, 20);
    const started = performance.now();
    const received = await closed;
    clearInterval(trickle);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    // Cut off well before the head was finished; Node's default would have waited 60 s and more.
    expect(sent).toBeLessThan(head.length);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('answers 431 to request headers over 16 KB', async () => {
    const socket = connect(port, '127.0.0.1');
    const closed = untilClosed(socket);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'c'.repeat(17 * 1024)}\r\n\r\n`);
    expect(await closed).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('serves a request whose head arrives in time', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/robots.txt`, { headers: { cookie: new CookieJar().header().cookie ?? 'a=b' } });
    expect(response.status).toBe(200);
  });
});
