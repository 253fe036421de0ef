import { describe, expect, it } from 'vitest';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

/** The secret on the "token made" page. */
function secretOn(html: string): string {
  const match = /id="new-secret"[^>]*value="(gzt_[^"]+)"/.exec(html);
  if (!match) throw new Error('no token on the page');
  return match[1]!;
}

describe.each(testDatabases)('API tokens in the newsroom ($name)', (database) => {
  const t = useTestApp(database);

  async function member(role: 'contributor' | 'author' | 'editor' | 'administrator') {
    const user = await makeUser(t.container, role);
    return { user, ...(await signedInAs(t.container, user)) };
  }

  const page = (url: string, jar: { header(): Record<string, string> }) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });

  it('shows a new token once, lists it without its secret, and the API refuses it once revoked', async () => {
    const { user, jar, csrf } = await member('editor');
    const made = await adminPost(t.app, '/admin/account/api-tokens', { _csrf: csrf, name: 'Moderation bot', scope: 'read' }, jar);
    expect(made.statusCode).toBe(200);
    expect(made.body).toContain('This is the only time the token is shown.');
    const secret = secretOn(made.body);

    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ url: '/api/v1/newsroom/replies', headers: auth })).statusCode).toBe(200);

    const list = await page('/admin/account/api-tokens', jar);
    expect(list.body).toContain('Moderation bot');
    expect(list.body).toContain(`${secret.slice(0, 10)}…`);
    expect(list.body).not.toContain(secret);
    expect(list.body).toContain('Read-only');
    // Used a moment ago: the list says when (the clock stands still in tests).
    expect(list.body).not.toMatch(/<td><span class="muted">Never<\/span><\/td>/);

    const [token] = await t.container.apiTokens.list(user.id);
    const confirm = await page(`/admin/account/api-tokens/${token!.id}/revoke`, jar);
    expect(confirm.body).toContain('refused from the moment you revoke it');
    const revoked = await adminPost(t.app, `/admin/account/api-tokens/${token!.id}/revoke`, { _csrf: csrf }, jar);
    expect(revoked.headers.location).toBe('/admin/account/api-tokens?done=revoked');
    expect((await t.app.inject({ url: '/api/v1/newsroom/replies', headers: auth })).statusCode).toBe(401);
    const after = await page('/admin/account/api-tokens?done=revoked', jar);
    expect(after.body).toContain('Revoked');
    // A second revocation finds no live token.
    expect((await adminPost(t.app, `/admin/account/api-tokens/${token!.id}/revoke`, { _csrf: csrf }, jar)).statusCode).toBe(404);
  });

  it("never lets a token do more than its member's role: a contributor's read-write token cannot publish", async () => {
    const { jar, csrf } = await member('contributor');
    const secret = secretOn(
      (await adminPost(t.app, '/admin/account/api-tokens', { _csrf: csrf, name: 'drafts', scope: 'write' }, jar)).body,
    );
    const auth = { authorization: `Bearer ${secret}` };
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/newsroom/articles',
      headers: auth,
      payload: { headline: 'A draft', bodyMarkdown: 'Text.', section: 'World' },
    });
    expect(draft.statusCode).toBe(201);
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/newsroom/articles/${draft.json().id}/publish`,
      headers: auth,
      payload: {},
    });
    expect(publish.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/newsroom/replies', headers: auth })).statusCode).toBe(403);
  });

  it("lets an administrator see and revoke another member's token, and nobody else", async () => {
    const author = await member('author');
    const editor = await member('editor');
    const admin = await member('administrator');
    const { id, secret } = await t.container.apiTokens.create(author.user.id, { name: 'Author feed', scope: 'read' });

    expect((await page('/admin/account/api-tokens', editor.jar)).body).not.toContain('Author feed');
    expect((await adminPost(t.app, `/admin/account/api-tokens/${id}/revoke`, { _csrf: editor.csrf }, editor.jar)).statusCode).toBe(404);

    const overview = await page('/admin/account/api-tokens', admin.jar);
    expect(overview.body).toContain('Every member’s live tokens');
    expect(overview.body).toContain('Author feed');
    expect(overview.body).toContain(author.user.name);
    const done = await adminPost(t.app, `/admin/account/api-tokens/${id}/revoke`, { _csrf: admin.csrf }, admin.jar);
    expect(done.headers.location).toBe('/admin/account/api-tokens?done=revoked');
    expect((await t.app.inject({ url: '/api/v1/sections', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    // The author sees it revoked in their own list.
    expect((await page('/admin/account/api-tokens', author.jar)).body).toMatch(/Author feed[\s\S]*Revoked/);
  });

  it('refuses a 10 KB name, a missing name and a made-up scope with a message next to the field, keeping the text', async () => {
    const { user, jar, csrf } = await member('author');
    const long = 'N'.repeat(10_240);
    const tooLong = await adminPost(t.app, '/admin/account/api-tokens', { _csrf: csrf, name: long, scope: 'read' }, jar);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain(`<p class="field-error" id="error-name">A token's name is at most 100 characters.</p>`);
    expect(tooLong.body).toContain(`value="${long}"`);

    const missing = await adminPost(t.app, '/admin/account/api-tokens', { _csrf: csrf }, jar);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('id="error-name">Give the token a name');

    const scope = await adminPost(t.app, '/admin/account/api-tokens', { _csrf: csrf, name: 'Kept name', scope: 'admin' }, jar);
    expect(scope.statusCode).toBe(422);
    expect(scope.body).toContain('id="error-scope">Choose read-only or read-write.');
    expect(scope.body).toContain('value="Kept name"');
    expect(await t.container.apiTokens.list(user.id)).toEqual([]);
  });
});
