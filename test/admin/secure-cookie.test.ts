import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { adminPost, formToken, makeUser, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';

describe('the session cookie behind an HTTPS proxy', () => {
  it('is marked Secure when the request came over HTTPS, and not over plain HTTP', async () => {
    const storage = await testDatabases[0]!.open();
    const config = loadConfig({ SITE_URL: 'https://gazette.test', LOG_LEVEL: 'silent', TRUST_PROXY: 'true', UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`) });
    const container = createContainer(config, { storage, clock: new ManualClock() });
    const app = await buildApp(container, { logger: false });
    try {
      const user = await makeUser(container, 'editor');
      for (const [proto, secure] of [['https', true], ['http', false]] as const) {
        const jar = new CookieJar();
        const page = await app.inject({ method: 'GET', url: '/admin/sign-in', headers: { 'x-forwarded-proto': proto, accept: 'text/html' } });
        jar.take(page);
        const response = await adminPost(app, '/admin/sign-in', { _csrf: formToken(page.body), email: user.email, password: testPassword }, jar, { 'x-forwarded-proto': proto });
        expect(response.statusCode).toBe(303);
        const cookie = String(response.headers['set-cookie']);
        expect(cookie).toMatch(/gazette_session=/);
        expect(/;\s*Secure/i.test(cookie)).toBe(secure);
        expect((await getPage(app, '/admin', jar)).statusCode).toBe(200);
      }
    } finally {
      await app.close();
      await container.close();
    }
  });
});
