import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { formToken, makeUser, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar } from '../support/http.js';
import { useTestApp, IN_PROCESS_ENV } from '../support/test-app.js';

/*
 * The sign-in limits, over 15 minutes (accounts.service.ts):
 * - 5 failures per account from one address (a stranger locks only themselves out);
 * - 20 failures per address over all accounts (one address spraying many accounts);
 * - 50 failures per account from browsers it was never signed in on (many addresses, one account);
 * - a browser the member signed in on before (a signed device cookie) counts apart, 5 failures, and
 *   passes the other three: strangers cannot lock the owner out of a device they have used.
 * Every attempt is recorded before its password is checked, so parallel attempts see each other.
 */

/** A sign-in form as a browser at `ip` fetches it: its cookie jar and token. */
async function openForm(app: FastifyInstance, ip: string, jar = new CookieJar()) {
  const page = await app.inject({
    method: 'GET',
    url: '/admin/sign-in',
    remoteAddress: ip,
    headers: { accept: 'text/html', ...jar.header() },
  });
  jar.take(page);
  return { jar, csrf: formToken(page.body), ip };
}

/** Sends the sign-in form opened by `openForm`. */
async function submit(
  app: FastifyInstance,
  form: { jar: CookieJar; csrf: string; ip: string },
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/sign-in',
    remoteAddress: form.ip,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      'sec-fetch-site': 'same-origin',
      ...form.jar.header(),
      ...headers,
    },
    payload: new URLSearchParams({ _csrf: form.csrf, email, password, next: '/admin/account' }).toString(),
  });
  form.jar.take(response);
  return response;
}

async function signIn(app: FastifyInstance, ip: string, email: string, password: string, jar?: CookieJar) {
  return submit(app, await openForm(app, ip, jar), email, password);
}

/** A jar with only the device cookie of `jar`: the same browser after its session ended. */
function deviceOnly(jar: CookieJar): CookieJar {
  const copy = new CookieJar();
  copy.set('gazette_device', jar.get('gazette_device')!);
  return copy;
}

/** How many answers had each status. */
function tally(responses: LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
  return counts;
}

describe.each(testDatabases)('sign-in limits on $name', (database) => {
  const site = useTestApp(database);

  async function failureRows() {
    return site.container.storage.db.selectFrom('sign_in_failures').select(['email', 'ip', 'device']).execute();
  }

  it('checks at most 5 passwords of 24 sent at once from one address', async () => {
    const user = await makeUser(site.container, 'administrator');
    // Forms first, then every password at once: the attempts really race.
    const forms = await Promise.all(Array.from({ length: 24 }, () => openForm(site.app, '198.51.100.7')));
    const answers = await Promise.all(forms.map((form, i) => submit(site.app, form, user.email, `wrong guess number ${i}`)));
    expect(tally(answers)).toEqual({ 422: 5, 429: 19 });
    for (const a of answers.filter((r) => r.statusCode === 422))
      expect(a.body).toContain('The email address or the password is not right.');
    for (const a of answers.filter((r) => r.statusCode === 429))
      expect(a.body).toContain('Too many failed sign-ins for this account from your network address.');
    expect(await failureRows()).toHaveLength(5);
    // The right password from that address waits too…
    expect((await signIn(site.app, '198.51.100.7', user.email, testPassword)).statusCode).toBe(429);
    // …but the owner at another address is not locked out by a stranger's guesses.
    const owner = await signIn(site.app, '203.0.113.20', user.email, testPassword);
    expect(owner.statusCode).toBe(303);
    expect(owner.headers.location).toBe('/admin/account');
  });

  it('checks at most 20 passwords of 30 sent at once from one address to different accounts', async () => {
    const forms = await Promise.all(Array.from({ length: 30 }, () => openForm(site.app, '198.51.100.8')));
    const answers = await Promise.all(forms.map((form, i) => submit(site.app, form, `guess${i}@newsroom.example`, 'not the password')));
    expect(tally(answers)).toEqual({ 422: 20, 429: 10 });
    for (const a of answers.filter((r) => r.statusCode === 429))
      expect(a.body).toContain('Too many failed sign-ins from your network address.');
    expect(await failureRows()).toHaveLength(20);
  });

  it('checks at most 50 passwords of 60 sent at once from 60 addresses, and the owner still gets in', async () => {
    const user = await makeUser(site.container, 'administrator');
    // The owner signed in on this browser yesterday: it keeps a device cookie.
    const ownersBrowser = new CookieJar();
    expect((await signIn(site.app, '192.0.2.1', user.email, testPassword, ownersBrowser)).statusCode).toBe(303);
    expect(ownersBrowser.has('gazette_device')).toBe(true);

    const forms = await Promise.all(
      Array.from({ length: 60 }, (_, i) => openForm(site.app, `198.18.${Math.floor(i / 200)}.${(i % 200) + 1}`)),
    );
    const answers = await Promise.all(forms.map((form, i) => submit(site.app, form, user.email, `distributed guess ${i}`)));
    expect(tally(answers)).toEqual({ 422: 50, 429: 10 });
    for (const a of answers.filter((r) => r.statusCode === 429))
      expect(a.body).toContain('Too many failed sign-ins for this account from unfamiliar browsers.');

    // A new browser, even the owner's, must wait or use the reset link…
    const stranger = await signIn(site.app, '192.0.2.99', user.email, testPassword);
    expect(stranger.statusCode).toBe(429);
    expect(stranger.body).toContain('reset your password');
    // …while the owner's known browser signs in at once, from any address.
    const known = await signIn(site.app, '192.0.2.55', user.email, testPassword, deviceOnly(ownersBrowser));
    expect(known.statusCode).toBe(303);
    expect(known.headers.location).toBe('/admin/account');
  });

  it('gives a known browser 5 tries of its own, and ignores a device cookie made for another account', async () => {
    const alice = await makeUser(site.container, 'editor');
    const bob = await makeUser(site.container, 'editor');
    const browser = new CookieJar();
    expect((await signIn(site.app, '192.0.2.1', alice.email, testPassword, browser)).statusCode).toBe(303);
    // One form, sent 18 times at once from the same browser (its session over, its device cookie kept).
    const form = await openForm(site.app, '192.0.2.1', deviceOnly(browser));
    const answers = await Promise.all(Array.from({ length: 18 }, (_, i) => submit(site.app, form, alice.email, `forgotten ${i}`)));
    expect(tally(answers)).toEqual({ 422: 5, 429: 13 });
    for (const a of answers.filter((r) => r.statusCode === 429)) expect(a.body).toContain('Too many failed sign-ins on this browser.');
    // Alice's device cookie is nothing special for Bob's account: the usual per-address count applies.
    const bobAnswers = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(site.app, form, bob.email, `not bob's ${i}`)));
    expect(tally(bobAnswers)).toEqual({ 422: 5, 429: 3 });
    // A forged device cookie (bad signature) is ignored likewise.
    const forged = new CookieJar();
    forged.set('gazette_device', `${alice.id}.forged-device-id.bad-signature`);
    expect((await signIn(site.app, '192.0.2.1', alice.email, testPassword, forged)).statusCode).toBe(303);
  });

  it('counts a success as no failure: the owner typing the right password keeps all 5 tries', async () => {
    const user = await makeUser(site.container, 'author');
    for (let i = 0; i < 4; i++) expect((await signIn(site.app, '192.0.2.4', user.email, `typo ${i}`)).statusCode).toBe(422);
    expect((await signIn(site.app, '192.0.2.4', user.email, testPassword)).statusCode).toBe(303);
    expect(await failureRows()).toEqual([]);
    site.clock.advance(60_000);
    for (let i = 0; i < 5; i++) expect((await signIn(site.app, '192.0.2.4', user.email, `typo again ${i}`)).statusCode).toBe(422);
    expect((await signIn(site.app, '192.0.2.4', user.email, testPassword)).statusCode).toBe(429);
  });

  it('forgets failures and locks past the window when purged, and keeps recent ones', async () => {
    for (let i = 0; i < 3; i++) await signIn(site.app, '192.0.2.9', `old${i}@newsroom.example`, 'not the password');
    site.clock.advance(10 * 60_000);
    await signIn(site.app, '192.0.2.10', 'recent@newsroom.example', 'not the password');
    site.clock.advance(6 * 60_000);
    await site.container.accounts.purgeStale();
    expect(await failureRows()).toEqual([{ email: 'recent@newsroom.example', ip: '192.0.2.10', device: '' }]);
    const locks = await site.container.storage.db.selectFrom('sign_in_locks').select('key').orderBy('key').execute();
    expect(locks.map((l) => l.key)).toEqual(['account:recent@newsroom.example', 'address:192.0.2.10']);
  });
});

describe('the per-address limit behind a proxy (TRUST_PROXY=true)', () => {
  it('cannot be dodged by writing a different X-Forwarded-For each time', async () => {
    const storage = await testDatabases[0]!.open();
    const config = loadConfig({
      ...IN_PROCESS_ENV,
      SITE_URL: 'http://gazette.test',
      LOG_LEVEL: 'silent',
      TRUST_PROXY: 'true',
      UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`),
    });
    const container = createContainer(config, { storage, clock: new ManualClock() });
    const app = await buildApp(container, { logger: false });
    try {
      const answers: number[] = [];
      for (let i = 0; i < 22; i++) {
        // nginx at 10.0.0.1 appends the real client's address to whatever the client wrote.
        const form = await openForm(app, '10.0.0.1');
        const response = await submit(app, form, `sprayed${i}@newsroom.example`, 'not the password', {
          'x-forwarded-for': `172.16.${i}.${i}, 203.0.113.66`,
        });
        answers.push(response.statusCode);
      }
      expect(answers).toEqual([...Array<number>(20).fill(422), 429, 429]);
      const rows = await container.storage.db.selectFrom('sign_in_failures').select('ip').distinct().execute();
      expect(rows).toEqual([{ ip: '203.0.113.66' }]);
    } finally {
      await app.close();
      await container.close();
    }
  });
});
