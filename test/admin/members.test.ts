import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/modules/accounts/index.js';
import { adminPost, formToken, makeUser, signedInAs, testPassword } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

describe.each(testDatabases)('disabling, removing and signing out members on $name', (database) => {
  const site = useTestApp(database);

  /** An administrator's browser on the people page: its jar and the page's form token. */
  async function administrator(name = 'Ada Admin') {
    const admin = await makeUser(site.container, 'administrator', name);
    const { jar } = await signedInAs(site.container, admin);
    const page = await getPage(site.app, '/admin/users', jar);
    expect(page.statusCode).toBe(200);
    return { admin, jar, csrf: formToken(page.body) };
  }

  /** The sign-in form, as a fresh browser sends it. */
  async function signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    const jar = new CookieJar();
    const page = await getPage(site.app, '/admin/sign-in', jar);
    return adminPost(site.app, '/admin/sign-in', { _csrf: formToken(page.body), email, password }, jar);
  }

  async function sessionsOf(user: User) {
    return (await site.container.storage.db.selectFrom('sessions').select('user_id').where('user_id', '=', user.id).execute()).length;
  }

  async function trail(user: User) {
    return (await site.container.audit.list({ subjectType: 'user', subjectId: user.id })).map((e) => [e.action, e.actor.name, e.after]);
  }

  it('disables a member: their sessions end at once, they cannot sign in, and enabling lets them back', async () => {
    const { jar, csrf } = await administrator();
    const member = await makeUser(site.container, 'editor', 'Dana Disabled');
    const laptop = await signedInAs(site.container, member);
    await signedInAs(site.container, member);
    expect(await sessionsOf(member)).toBe(2);

    const disabled = await adminPost(site.app, `/admin/users/${member.id}/disable`, { _csrf: csrf }, jar);
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe('/admin/users?done=disabled');
    expect(await sessionsOf(member)).toBe(0);
    const kicked = await getPage(site.app, '/admin/account', laptop.jar);
    expect(kicked.statusCode).toBe(303);
    expect(kicked.headers.location).toBe('/admin/sign-in?next=%2Fadmin%2Faccount');
    const refused = await signIn(member.email, testPassword);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('This account is disabled.');
    expect(refused.cookies.find((c) => c.name === 'gazette_session')).toBeUndefined();
    // A session opened some other way (setup, reset) does not work for a disabled member either.
    const { token } = await site.container.accounts.startSession((await site.container.accounts.find(member.id))!, {
      ip: '127.0.0.1',
      userAgent: 't',
    });
    expect(await site.container.accounts.session(token)).toBeUndefined();

    const people = (await getPage(site.app, '/admin/users?done=disabled', jar)).body;
    expect(people).toContain('Disabled. Their sessions have ended');
    expect(people).toContain(`action="/admin/users/${member.id}/enable"`);
    expect(people).not.toContain(`action="/admin/users/${member.id}/disable"`);

    const enabled = await adminPost(site.app, `/admin/users/${member.id}/enable`, { _csrf: csrf }, jar);
    expect(enabled.statusCode).toBe(303);
    expect(enabled.headers.location).toBe('/admin/users?done=enabled');
    expect((await signIn(member.email, testPassword)).statusCode).toBe(303);
    expect(await trail(member)).toEqual([
      ['user.enable', 'Ada Admin', { name: 'Dana Disabled', disabled: false }],
      ['user.disable', 'Ada Admin', { name: 'Dana Disabled', disabled: true }],
      ['user.create', 'system', { name: 'Dana Disabled', email: member.email, role: 'editor' }],
    ]);
  });

  it("ends another member's sessions without touching the administrator's own", async () => {
    const { admin, jar, csrf } = await administrator();
    const member = await makeUser(site.container, 'author', 'Lee Lostlaptop');
    const phone = await signedInAs(site.container, member);
    await signedInAs(site.container, member);
    const ended = await adminPost(site.app, `/admin/users/${member.id}/end-sessions`, { _csrf: csrf }, jar);
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/admin/users?done=sessions');
    expect(await sessionsOf(member)).toBe(0);
    expect((await getPage(site.app, '/admin', phone.jar)).statusCode).toBe(303);
    expect(await sessionsOf(admin)).toBe(1);
    expect((await getPage(site.app, '/admin/users', jar)).statusCode).toBe(200);
    // They may sign in again at once: ending sessions is not disabling.
    expect((await signIn(member.email, testPassword)).statusCode).toBe(303);
    expect((await trail(member))[0]).toEqual(['user.sessions-end', 'Ada Admin', { sessionsEnded: 2 }]);
  });

  it('removes a member: gone from the people page and sign-in, their articles keep the byline', async () => {
    const { jar, csrf } = await administrator();
    const member = await makeUser(site.container, 'author', 'Rui Removed');
    const articleId = await site.container.editorial.create(
      {
        headline: 'A story by Rui',
        dek: '',
        slug: 'a-story-by-rui',
        bodyMarkdown: 'Filed.',
        section: 'World',
        tags: [],
        status: 'published',
        publishAt: null,
        repliesOpen: true,
        featuredMediaId: null,
        featuredAlt: '',
      },
      { id: member.id, name: member.name, authorId: member.authorId },
    );
    const phone = await signedInAs(site.container, member);
    const removed = await adminPost(site.app, `/admin/users/${member.id}/remove`, { _csrf: csrf }, jar);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/admin/users?done=removed');
    expect(await site.container.accounts.find(member.id)).toBeUndefined();
    expect(await sessionsOf(member)).toBe(0);
    expect((await getPage(site.app, '/admin', phone.jar)).statusCode).toBe(303);
    expect((await signIn(member.email, testPassword)).statusCode).toBe(422);
    const people = (await getPage(site.app, '/admin/users?done=removed', jar)).body;
    expect(people).toContain('Removed. Their articles keep their byline.');
    expect(people).not.toContain('Rui Removed');
    const article = await site.container.articles.findById(articleId);
    expect(article!.author.name).toBe('Rui Removed');
    expect((await getPage(site.app, '/articles/a-story-by-rui')).body).toContain('Rui Removed');
    expect(await trail(member)).toContainEqual(['user.remove', 'Ada Admin', null]);
    // The address is free again for someone new.
    await expect(
      site.container.accounts.create({ email: member.email, name: 'Rui Returns', role: 'author', password: testPassword }),
    ).resolves.toMatchObject({ name: 'Rui Returns' });
  });

  it('refuses to disable or remove yourself, or the last active administrator', async () => {
    const { admin, jar, csrf } = await administrator();
    for (const action of ['disable', 'remove']) {
      const self = await adminPost(site.app, `/admin/users/${admin.id}/${action}`, { _csrf: csrf }, jar);
      expect(self.statusCode).toBe(403);
      expect(self.body).toContain(`You cannot ${action} your own account`);
    }
    // Through the service (the CLI's way), without the "yourself" rule: still never the last one.
    const system = { id: null, name: 'system' };
    await expect(site.container.accounts.setDisabled(admin.id, true, system)).rejects.toThrow(/last active administrator/);
    await expect(site.container.accounts.remove(admin.id, system)).rejects.toThrow(/last active administrator/);
    // A disabled administrator does not count as one who can run the newsroom.
    const other = await makeUser(site.container, 'administrator', 'Otto Other');
    await site.container.accounts.setDisabled(other.id, true, system);
    await expect(site.container.accounts.changeRole(admin.id, 'editor', system)).rejects.toThrow(/only administrator/);
    await expect(site.container.accounts.setDisabled(admin.id, true, system)).rejects.toThrow(/last active administrator/);
    expect((await site.container.accounts.find(admin.id))!.disabledAt).toBeNull();
    const missing = await adminPost(site.app, '/admin/users/999999/disable', { _csrf: csrf }, jar);
    expect(missing.statusCode).toBe(404);
  });

  it('keeps an active administrator when two administrators disable each other at the same moment', async () => {
    const a = await administrator('Ana One');
    const bAdmin = await makeUser(site.container, 'administrator', 'Ben Two');
    const { jar: bJar } = await signedInAs(site.container, bAdmin);
    const b = { jar: bJar, csrf: formToken((await getPage(site.app, '/admin/users', bJar)).body) };
    const [ab, ba] = await Promise.all([
      adminPost(site.app, `/admin/users/${bAdmin.id}/disable`, { _csrf: a.csrf }, a.jar),
      adminPost(site.app, `/admin/users/${a.admin.id}/disable`, { _csrf: b.csrf }, b.jar),
    ]);
    // One of them wins; the other is refused (403) or finds its own session already over (sign-in).
    const outcomes = [ab, ba].map((r) => (r.statusCode === 303 ? String(r.headers.location) : String(r.statusCode)));
    const winner = outcomes.indexOf('/admin/users?done=disabled');
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(['403', '/admin/sign-in']).toContain(outcomes[1 - winner]);
    const admins = (await site.container.accounts.list()).filter((u) => u.role === 'administrator');
    expect(admins.filter((u) => u.disabledAt === null)).toHaveLength(1);
  });

  it('offers Disable and End sessions for each member, Remove once they are disabled, and nothing for yourself', async () => {
    const { admin, jar, csrf } = await administrator();
    const member = await makeUser(site.container, 'contributor', 'Cai Contributor');
    const page = (await getPage(site.app, '/admin/users', jar)).body;
    for (const action of ['disable', 'end-sessions']) expect(page).toContain(`action="/admin/users/${member.id}/${action}"`);
    expect(page).not.toContain(`action="/admin/users/${member.id}/remove"`);
    for (const action of ['disable', 'enable', 'end-sessions', 'remove'])
      expect(page).not.toContain(`action="/admin/users/${admin.id}/${action}"`);
    expect(page).toContain('Disable Cai Contributor');
    await adminPost(site.app, `/admin/users/${member.id}/disable`, { _csrf: csrf }, jar);
    const after = (await getPage(site.app, '/admin/users', jar)).body;
    expect(after).toContain(`action="/admin/users/${member.id}/remove"`);
    expect(after).toContain(`action="/admin/users/${member.id}/enable"`);
    expect(after).not.toContain(`action="/admin/users/${member.id}/end-sessions"`);
  });
});
