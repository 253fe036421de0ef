import { describe, expect, it } from 'vitest';
import { adminUrls, safeNext } from '../../src/web/admin-urls.js';
import { adminPost, formToken, makeUser, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

/** Values of `next` that must never leave /admin, nor break the Location header. */
const refused: string[] = [
  '',
  '/',
  'admin',
  '/administrator',
  '/admins/x',
  'https://evil.example/admin',
  'http://gazette.test/admin/articles',
  '//evil.example/admin',
  '///evil.example/admin',
  '/\\evil.example',
  '\\/evil.example',
  '/admin\\..\\..\\evil',
  '/admin/../evil',
  '/admin/%2e%2e/../evil',
  '/admin/./../../evil',
  'javascript:alert(1)',
  ' /admin',
  '\t/admin',
  '/admin\r\nSet-Cookie: gazette_session=stolen',
  '/admin/articles\nLocation: https://evil.example',
  '/admin/x\u0000y',
  '/admin/x\u007fy',
  `/admin/${'a'.repeat(2100)}`,
  '%2Fadmin',
  '/%61dmin',
  'data:text/html,<script>alert(1)</script>',
];

/** Values that stay under /admin: what each becomes (percent-encoded, ASCII only). */
const kept: [string, string][] = [
  ['/admin', '/admin'],
  ['/admin/', '/admin/'],
  ['/admin/articles?status=draft', '/admin/articles?status=draft'],
  ['/admin/€', '/admin/%E2%82%AC'],
  ['/admin/replies?q=€ "quoted" <x>', '/admin/replies?q=%E2%82%AC%20%22quoted%22%20%3Cx%3E'],
  ['/admin/articles/1/edit#preview', '/admin/articles/1/edit#preview'],
  ['/admin/%E2%82%AC', '/admin/%E2%82%AC'],
  ['/admin/a b', '/admin/a%20b'],
  ['/admin//evil.example', '/admin//evil.example'],
  ['/admin/x/../articles', '/admin/articles'],
  ['/admin?next=//evil.example', '/admin?next=//evil.example'],
  ['/admin/\ud800', '/admin/%EF%BF%BD'],
  ['/admin/\u2028x', '/admin/%E2%80%A8x'],
];

describe('safeNext, the one check on where to go after signing in', () => {
  it.each(refused.map((v) => [JSON.stringify(v).slice(0, 80), v] as const))('sends %s to /admin', (_label, value) => {
    expect(safeNext(value)).toBe('/admin');
  });
  it.each(kept)('keeps %j as %j', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });
  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/admin/articles'], { toString: () => '/admin/articles' }])
      expect(safeNext(value)).toBe('/admin');
  });
  it('builds a sign-in link whose next is encoded once and always safe', () => {
    expect(adminUrls.signIn('/admin/€?a=b&c=d')).toBe('/admin/sign-in?next=%2Fadmin%2F%25E2%2582%25AC%3Fa%3Db%26c%3Dd');
    expect(adminUrls.signIn('//evil.example')).toBe('/admin/sign-in');
    expect(adminUrls.signIn('/admin')).toBe('/admin/sign-in');
  });
});

describe.each(testDatabases)('signing in with a hostile next on $name', (database) => {
  const site = useTestApp(database);

  const corpus = [...refused.map((v) => [v, '/admin'] as const), ...kept];
  it('answers 303 with the session cookie and a same-site /admin Location for every value', async () => {
    const user = await makeUser(site.container, 'editor');
    for (const [next, expected] of corpus) {
      const jar = new CookieJar();
      const page = await getPage(site.app, '/admin/sign-in', jar);
      const response = await adminPost(
        site.app,
        '/admin/sign-in',
        { _csrf: formToken(page.body), email: user.email, password: testPassword, next },
        jar,
      );
      expect(response.statusCode, JSON.stringify(next).slice(0, 60)).toBe(303);
      expect(response.headers.location, JSON.stringify(next).slice(0, 60)).toBe(expected);
      expect(jar.has('gazette_session'), JSON.stringify(next).slice(0, 60)).toBe(true);
      // Signed in already: the sign-in page sends the browser on to the same place.
      const again = await site.app.inject({
        method: 'GET',
        url: `/admin/sign-in?${new URLSearchParams({ next })}`,
        headers: { accept: 'text/html', ...jar.header() },
      });
      expect(again.statusCode, JSON.stringify(next).slice(0, 60)).toBe(303);
      expect(again.headers.location, JSON.stringify(next).slice(0, 60)).toBe(expected);
    }
  });

  it('sends an anonymous visitor of a non-ASCII admin URL to sign in without a 500', async () => {
    const response = await site.app.inject({ method: 'GET', url: '/admin/articles?status=€', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Farticles%3Fstatus%3D%25E2%2582%25AC');
  });
});
