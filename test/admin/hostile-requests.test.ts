import { describe, expect, it } from 'vitest';
import { adminPost, articleFields, makeUser, multipartBody, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

// Found by the property runs (issue 7). Each answered 500 before its fix.
describe.each(testDatabases)('newsroom requests the property runs broke ($name)', (database) => {
  const t = useTestApp(database);

  async function admin() {
    return signedInAs(t.container, await makeUser(t.container, 'administrator'));
  }

  async function count(table: 'articles' | 'media'): Promise<number> {
    const row = await t.storage.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('answers an id past what a row can have with 404, not a database error (PostgreSQL integer)', async () => {
    const { jar } = await admin();
    for (const url of ['/admin/articles/999999999999/edit', '/admin/replies/2147483648', '/admin/articles/1/revisions/999999999999']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('There is nothing with that number here.');
    }
  });

  it('moderates nothing when the desk is sent ids no reply can have', async () => {
    const { jar, csrf } = await admin();
    const response = await adminPost(
      t.app,
      '/admin/replies/bulk',
      { _csrf: csrf, action: 'approve', ids: ['999999999999', '2147483648'], return: '/admin/replies' },
      jar,
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/replies?done=none');
  });

  it('refuses a multipart editor save without its boundary with 400 and a message, saving nothing', async () => {
    const { jar, csrf } = await admin();
    const before = await count('articles');
    const body = multipartBody(articleFields(csrf));
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/articles',
      headers: { 'content-type': 'multipart/form-data', accept: 'text/html', 'sec-fetch-site': 'same-origin', ...jar.header() },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This form could not be read: its body is malformed or incomplete. Reload the page and send it again.');
    expect(await count('articles')).toBe(before);
  });

  it('ignores a featured image id no row can have instead of failing the save', async () => {
    const { jar, csrf } = await admin();
    const body = multipartBody(articleFields(csrf, { featuredMediaId: '999999999999' }));
    const response = await t.app.inject({
      method: 'POST',
      url: '/admin/articles',
      headers: { 'content-type': body.contentType, accept: 'text/html', 'sec-fetch-site': 'same-origin', ...jar.header() },
      payload: body.payload,
    });
    expect(response.statusCode).toBe(303);
  });
});
