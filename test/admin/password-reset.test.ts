import { IN_PROCESS_ENV } from '../support/test-app.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { adminPost, formToken, makeUser, signedInAs, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';

/** Mail as the SMTP sink received it. */
interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe.each(testDatabases)('password reset by email on $name', (database) => {
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;

  beforeAll(async () => {
    // A real SMTP server on 127.0.0.1: Gazette speaks SMTP to it exactly as to a production relay.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const storage = await database.open();
    clock = new ManualClock(new Date('2026-01-05T10:00:00Z'));
    const config = loadConfig({
      SITE_URL: 'http://gazette.test',
      LOG_LEVEL: 'silent',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Gazette <newsroom@gazette.test>',
      UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`),
      ...IN_PROCESS_ENV,
    });
    container = createContainer(config, { storage, clock });
    app = await buildApp(container, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await container?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  /** The reset link in a mail (its text is quoted-printable: soft breaks and =XX escapes undone). */
  function linkIn(raw: string): string {
    const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return /http:\/\/gazette\.test\/admin\/reset\?token=[\w-]+/.exec(text)![0];
  }

  async function askForReset(email: string) {
    const jar = new CookieJar();
    const page = await getPage(app, '/admin/forgot', jar);
    return adminPost(app, '/admin/forgot', { _csrf: formToken(page.body), email }, jar);
  }

  /** Asks, then lets the background jobs (which send the mail after the answer) run. */
  async function askAndSend(email: string) {
    const answer = await askForReset(email);
    await container.jobs.runDue();
    return answer;
  }

  async function pendingResetJobs() {
    return container.storage.db.selectFrom('jobs').select(['name', 'payload']).where('status', '=', 'pending').execute();
  }

  it('mails a one-hour link that sets a new password once and ends the old sessions', async () => {
    const user = await makeUser(container, 'editor', 'Rosa Reset');
    const before = await signedInAs(container, user);
    const asked = await askAndSend(user.email.toUpperCase());
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('a link to choose a new password is on its way');
    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe('newsroom@gazette.test');
    expect(mail.raw).toMatch(/Subject: Reset your The Gazette password/);
    const link = linkIn(mail.raw);
    const path = link.replace('http://gazette.test', '');

    const jar = new CookieJar();
    const form = await getPage(app, path, jar);
    expect(form.statusCode).toBe(200);
    const token = new URL(link).searchParams.get('token')!;
    const weak = await adminPost(app, '/admin/reset', { _csrf: formToken(form.body), token, password: 'tooshort' }, jar);
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('The password is too short');
    // Long enough but guessable (issue 11, item 8): zxcvbn's feedback, on the same link.
    const guessable = await adminPost(app, '/admin/reset', { _csrf: formToken(weak.body), token, password: 'password1234' }, jar);
    expect(guessable.statusCode).toBe(422);
    expect(guessable.body).toContain('The password is too easy to guess. This is similar to a commonly used password.');
    const done = await adminPost(
      app,
      '/admin/reset',
      { _csrf: formToken(guessable.body), token, password: 'a brand new long passphrase' },
      jar,
    );
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/sign-in?notice=password-reset');

    expect((await getPage(app, '/admin', before.jar)).statusCode).toBe(303);
    await expect(container.accounts.signIn(user.email, testPassword, { ip: '1.1.1.1', userAgent: 't' })).rejects.toThrow(/not right/);
    await expect(
      container.accounts.signIn(user.email, 'a brand new long passphrase', { ip: '1.1.1.1', userAgent: 't' }),
    ).resolves.toBeDefined();
    expect((await getPage(app, path, new CookieJar())).statusCode).toBe(410);
  });

  it('lets a member imported without a password sign in after a reset, and not before', async () => {
    const email = 'imported.author@courier.example';
    await container.storage.db
      .transaction()
      .execute((trx) =>
        container.accounts.importMember({ email, name: 'Imported Author', role: 'author' }, { id: null, name: 'test import' }, trx),
      );
    const origin = { ip: '1.1.1.1', userAgent: 't' };
    await expect(container.accounts.signIn(email, '', origin)).rejects.toThrow(/not right/);
    const count = inbox.length;
    await askAndSend(email);
    expect(inbox).toHaveLength(count + 1);
    const link = linkIn(inbox.at(-1)!.raw);
    const jar = new CookieJar();
    const form = await getPage(app, link.replace('http://gazette.test', ''), jar);
    const token = new URL(link).searchParams.get('token')!;
    const done = await adminPost(
      app,
      '/admin/reset',
      { _csrf: formToken(form.body), token, password: 'harbour lights over the quay' },
      jar,
    );
    expect(done.statusCode).toBe(303);
    await expect(container.accounts.signIn(email, 'harbour lights over the quay', origin)).resolves.toBeDefined();
  });

  it('says the same for an address without an account, and sends nothing', async () => {
    const count = inbox.length;
    const asked = await askAndSend('nobody-here@newsroom.example');
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('If an account uses that address');
    expect(inbox).toHaveLength(count);
  });

  it('answers before any mail goes out, doing the same work for an account and for a stranger', async () => {
    const user = await makeUser(container, 'author', 'Tama Timing');
    await container.jobs.runDue();
    const count = inbox.length;
    const real = await askForReset(user.email);
    const unknown = await askForReset('no-such-member@newsroom.example');
    // Nothing was sent while the visitor waited: the answer cannot time the SMTP conversation.
    expect(inbox).toHaveLength(count);
    expect([real.statusCode, unknown.statusCode]).toEqual([200, 200]);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="[^"]*@newsroom\.example"/g, '');
    expect(strip(real.body)).toBe(strip(unknown.body));
    // Both left exactly the same trace: one queued job naming the address typed.
    expect(await pendingResetJobs()).toEqual([
      { name: 'accounts.password-reset', payload: JSON.stringify({ email: user.email }) },
      { name: 'accounts.password-reset', payload: JSON.stringify({ email: 'no-such-member@newsroom.example' }) },
    ]);
    await container.jobs.runDue();
    expect(inbox.slice(count).map((m) => m.to)).toEqual([[user.email]]);
    expect(await pendingResetJobs()).toEqual([]);
  });

  it('sends at most one reset mail per 20 minutes to an address, so three an hour', async () => {
    const user = await makeUser(container, 'author');
    const count = inbox.length;
    for (let i = 0; i < 5; i++) expect((await askAndSend(user.email)).statusCode).toBe(200);
    expect(inbox.length - count).toBe(1);
    clock.advance(20 * 60_000);
    for (let i = 0; i < 5; i++) await askAndSend(user.email);
    expect(inbox.length - count).toBe(2);
  });

  it('ends every other reset link of the account once one is used', async () => {
    const user = await makeUser(container, 'author');
    await askAndSend(user.email);
    const first = linkIn(inbox.at(-1)!.raw);
    clock.advance(20 * 60_000);
    await askAndSend(user.email);
    const second = linkIn(inbox.at(-1)!.raw);
    expect(second).not.toBe(first);
    const jar = new CookieJar();
    const form = await getPage(app, second.replace('http://gazette.test', ''), jar);
    const done = await adminPost(
      app,
      '/admin/reset',
      { _csrf: formToken(form.body), token: new URL(second).searchParams.get('token')!, password: 'the second link was mine' },
      jar,
    );
    expect(done.statusCode).toBe(303);
    const stale = await getPage(app, first.replace('http://gazette.test', ''), jar);
    expect(stale.statusCode).toBe(410);
    const reuse = await adminPost(
      app,
      '/admin/reset',
      { _csrf: formToken(form.body), token: new URL(first).searchParams.get('token')!, password: 'someone else had the first' },
      jar,
    );
    expect(reuse.statusCode).toBe(403);
    await expect(
      container.accounts.signIn(user.email, 'the second link was mine', { ip: '192.0.2.77', userAgent: 't' }),
    ).resolves.toBeDefined();
  });

  it('lets the browser that used a reset link sign in while strangers have closed the account to unfamiliar browsers', async () => {
    const user = await makeUser(container, 'administrator', 'Lou Lockout');
    // 50 strangers' guesses from 50 addresses: unfamiliar browsers now wait.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        container.accounts.signIn(user.email, `guess ${i}`, { ip: `198.18.0.${i + 1}`, userAgent: 'bot' }).catch(() => undefined),
      ),
    );
    await expect(container.accounts.signIn(user.email, testPassword, { ip: '192.0.2.5', userAgent: 't' })).rejects.toThrow(
      /unfamiliar browsers/,
    );
    await askAndSend(user.email);
    const link = linkIn(inbox.at(-1)!.raw);
    const browser = new CookieJar();
    const form = await getPage(app, link.replace('http://gazette.test', ''), browser);
    const done = await adminPost(
      app,
      '/admin/reset',
      { _csrf: formToken(form.body), token: new URL(link).searchParams.get('token')!, password: 'locked out no longer' },
      browser,
    );
    expect(done.statusCode).toBe(303);
    expect(browser.has('gazette_device')).toBe(true);
    const signIn = await getPage(app, '/admin/sign-in', browser);
    const back = await adminPost(
      app,
      '/admin/sign-in',
      { _csrf: formToken(signIn.body), email: user.email, password: 'locked out no longer' },
      browser,
    );
    expect(back.statusCode).toBe(303);
    expect((await getPage(app, '/admin', browser)).statusCode).toBe(200);
  });

  it('lets a reset link expire after an hour', async () => {
    const user = await makeUser(container, 'author');
    await askAndSend(user.email);
    const link = linkIn(inbox.at(-1)!.raw);
    clock.advance(61 * 60_000);
    expect((await getPage(app, link.replace('http://gazette.test', ''))).statusCode).toBe(410);
  });
});
