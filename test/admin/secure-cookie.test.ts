import { IN_PROCESS_ENV } from '../support/test-app.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { adminPost, formToken, makeUser, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage, postForm } from '../support/http.js';

/** The Set-Cookie line for `name` in a response. */
function setCookie(response: LightMyRequestResponse, name: string): string {
  const lines = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in ${JSON.stringify(lines)}`);
  return line;
}

/*
 * Whether the site is on HTTPS is a fact about the site (SITE_URL), not about one request: behind a
 * TLS proxy without TRUST_PROXY every request looks like plain HTTP, and a client can send
 * X-Forwarded-Proto: http to a trusting server. So the Secure flag and HSTS follow SITE_URL alone.
 */
describe.each([
  { siteUrl: 'https://gazette.test', https: true },
  { siteUrl: 'http://gazette.test', https: false },
])('cookies and HSTS on $siteUrl', ({ siteUrl, https }) => {
  it.each([
    { trustProxy: 'false', forwardedProto: undefined },
    { trustProxy: 'false', forwardedProto: 'https' },
    { trustProxy: '1', forwardedProto: 'http' },
    { trustProxy: '1', forwardedProto: 'https' },
  ])(
    `marks cookies Secure and sends HSTS: ${https} (TRUST_PROXY=$trustProxy, X-Forwarded-Proto=$forwardedProto)`,
    async ({ trustProxy, forwardedProto }) => {
      const storage = await testDatabases[0]!.open();
      const config = loadConfig({
        ...IN_PROCESS_ENV,
        SITE_URL: siteUrl,
        LOG_LEVEL: 'silent',
        TRUST_PROXY: trustProxy,
        UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`),
      });
      const container = createContainer(config, { storage, clock: new ManualClock() });
      await publishDemoArticleIfEmpty(container);
      const app = await buildApp(container, { logger: false });
      const proto: Record<string, string> = forwardedProto ? { 'x-forwarded-proto': forwardedProto } : {};
      try {
        const user = await makeUser(container, 'editor');
        const jar = new CookieJar();
        const page = await app.inject({ method: 'GET', url: '/admin/sign-in', headers: { accept: 'text/html', ...proto } });
        jar.take(page);
        expect(/;\s*Secure/i.test(setCookie(page, 'gazette_form'))).toBe(https);
        expect(page.headers['strict-transport-security'] !== undefined).toBe(https);
        const signedIn = await adminPost(
          app,
          '/admin/sign-in',
          { _csrf: formToken(page.body), email: user.email, password: testPassword },
          jar,
          proto,
        );
        expect(signedIn.statusCode).toBe(303);
        expect(/;\s*Secure/i.test(setCookie(signedIn, 'gazette_session'))).toBe(https);
        // The cookie works either way (an https test site is still reached over inject's plain HTTP).
        expect((await getPage(app, '/admin', jar)).statusCode).toBe(200);

        const article = await app.inject({
          method: 'GET',
          url: `/articles/${demoArticle.slug}`,
          headers: { accept: 'text/html', ...proto },
        });
        expect(article.headers['strict-transport-security'] !== undefined).toBe(https);
        const posted = await postForm(
          app,
          `/articles/${demoArticle.slug}/replies`,
          {
            comment: 'A reader who wants to be remembered.',
            author: 'Min-jun',
            email: 'minjun@example.org',
            url: '',
            comment_parent: '0',
            remember: 'yes',
          },
          new CookieJar(),
          proto,
        );
        expect(posted.statusCode).toBe(303);
        expect(/;\s*Secure/i.test(setCookie(posted, 'gazette_commenter'))).toBe(https);
        expect(/;\s*Secure/i.test(setCookie(posted, 'gazette_pending'))).toBe(https);
      } finally {
        await app.close();
        await container.close();
      }
    },
  );
});
