import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { Role, User } from '../../src/modules/accounts/index.js';
import { adminPost, makeUser, postEditor, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar } from '../support/http.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { createTestApp } from '../support/test-app.js';

type Who = 'anonymous' | Role;
const everyone: Who[] = ['anonymous', 'contributor', 'author', 'editor', 'administrator'];
const staff: Who[] = ['contributor', 'author', 'editor', 'administrator'];
const editors: Who[] = ['editor', 'administrator'];
const admins: Who[] = ['administrator'];

/** Ids the routes act on, made once per database. */
interface Fixture {
  articleId: number;
  revisionId: number;
  ownArticleIds: Partial<Record<Role, number>>;
  replyId: number;
  users: Record<Role, User>;
  /** Members the access routes act on (one each: removing or disabling must not disturb the rest). */
  targets: Record<'disable' | 'enable' | 'remove' | 'sessions', User>;
}

/** One row of the matrix: a route, a way to call it, and who may. */
interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  url: (f: Fixture, who: Who) => string;
  fields?: (f: Fixture, who: Who) => Record<string, string | string[]>;
  allowed: Who[];
  /** Sent as the editor sends it (multipart/form-data). */
  multipart?: boolean;
  /** The exact answer an allowed role gets (status and Location), where the row states one. */
  expect?: { status: number; location?: string };
}

const editorFields = (status: string) => () => ({
  headline: 'Matrix headline',
  dek: '',
  body: 'Matrix body.',
  status,
  publishAt: '',
  slug: '',
  section: 'World',
  tags: '',
  featuredMediaId: '',
  featuredAlt: '',
  intent: 'save',
});

/*
 * Every admin route × every role (PRODUCT roles with WordPress's meanings). "Allowed" means the
 * route ran its use case (any answer but 403 or a redirect to sign-in); "denied" means 403 for a
 * signed-in member and a redirect to the sign-in page for an anonymous visitor.
 */
export const adminRouteMatrix: RouteCase[] = [
  { name: 'overview', method: 'GET', url: () => '/admin', allowed: staff },
  { name: 'account page', method: 'GET', url: () => '/admin/account', allowed: staff },
  { name: 'sign out', method: 'POST', url: () => '/admin/sign-out', allowed: staff },
  { name: 'sign out everywhere', method: 'POST', url: () => '/admin/sign-out-everywhere', allowed: staff },
  { name: 'article list', method: 'GET', url: () => '/admin/articles', allowed: staff },
  { name: 'new article form', method: 'GET', url: () => '/admin/articles/new', allowed: staff },
  { name: 'save a new draft', method: 'POST', url: () => '/admin/articles', fields: editorFields('draft'), multipart: true, allowed: staff },
  { name: 'live preview', method: 'POST', url: () => '/admin/articles/preview', fields: () => ({ headline: 'H', dek: '', body: '*x*' }), allowed: staff },
  { name: 'edit own draft', method: 'GET', url: (f, who) => `/admin/articles/${f.ownArticleIds[who as Role] ?? f.articleId}/edit`, allowed: staff },
  { name: 'save own draft', method: 'POST', url: (f, who) => `/admin/articles/${f.ownArticleIds[who as Role] ?? f.articleId}`, fields: editorFields('draft'), multipart: true, allowed: staff },
  { name: 'publish own draft', method: 'POST', url: (f, who) => `/admin/articles/${f.ownArticleIds[who as Role] ?? f.articleId}`, fields: editorFields('published'), multipart: true, allowed: ['author', 'editor', 'administrator'] },
  { name: "edit someone else's article", method: 'GET', url: (f) => `/admin/articles/${f.articleId}/edit`, allowed: editors },
  { name: "save someone else's article", method: 'POST', url: (f) => `/admin/articles/${f.articleId}`, fields: editorFields('published'), multipart: true, allowed: editors },
  { name: "revisions of someone else's article", method: 'GET', url: (f) => `/admin/articles/${f.articleId}/revisions`, allowed: editors },
  { name: 'compare a revision', method: 'GET', url: (f) => `/admin/articles/${f.articleId}/revisions/${f.revisionId}`, allowed: editors },
  { name: 'restore a revision', method: 'POST', url: (f) => `/admin/articles/${f.articleId}/revisions/${f.revisionId}/restore`, allowed: editors },
  { name: "unpublish someone else's article", method: 'POST', url: (f) => `/admin/articles/${f.articleId}/unpublish`, allowed: editors },
  { name: "trash someone else's article", method: 'POST', url: (f) => `/admin/articles/${f.articleId}/trash`, allowed: editors },
  { name: "restore someone else's article", method: 'POST', url: (f) => `/admin/articles/${f.articleId}/restore`, allowed: editors },
  { name: 'moderation desk', method: 'GET', url: () => '/admin/replies?status=held', allowed: editors },
  { name: 'one reply', method: 'GET', url: (f) => `/admin/replies/${f.replyId}`, allowed: editors },
  { name: 'bulk moderate', method: 'POST', url: () => '/admin/replies/bulk', fields: (f) => ({ ids: [String(f.replyId)], action: 'approve', reason: '' }), allowed: editors },
  { name: 'edit a reply', method: 'POST', url: (f) => `/admin/replies/${f.replyId}`, fields: () => ({ body: 'Edited by the matrix.', reason: 'typo' }), allowed: editors },
  { name: 'answer as staff', method: 'POST', url: (f) => `/admin/replies/${f.replyId}/answer`, fields: () => ({ answer: 'Thanks for writing.' }), allowed: editors },
  { name: 'audit trail', method: 'GET', url: () => '/admin/audit', allowed: editors },
  { name: 'discussion settings', method: 'GET', url: () => '/admin/settings/discussion', allowed: admins },
  {
    name: 'save discussion settings',
    method: 'POST',
    url: () => '/admin/settings/discussion',
    fields: () => ({ requireNameEmail: 'on', autoApproveKnownAuthors: 'on', detectDuplicates: 'on', holdLinkCount: '2', closeAfterDays: '0', threadDepth: '5', repliesPerPage: '0', floodIntervalSeconds: '15', order: 'oldest', holdWords: '', blockWords: '' }),
    allowed: admins,
  },
  { name: 'people', method: 'GET', url: () => '/admin/users', allowed: admins },
  { name: 'add a person', method: 'POST', url: () => '/admin/users', fields: (_f, who) => ({ name: `New ${who}`, email: `new.${who}@newsroom.example`, password: 'a long enough passphrase', role: 'contributor' }), allowed: admins },
  { name: 'change a role', method: 'POST', url: (f) => `/admin/users/${f.users.contributor.id}/role`, fields: () => ({ role: 'contributor' }), allowed: admins },
  { name: 'disable a member', method: 'POST', url: (f) => `/admin/users/${f.targets.disable.id}/disable`, allowed: admins, expect: { status: 303, location: '/admin/users?done=disabled' } },
  { name: 'enable a member', method: 'POST', url: (f) => `/admin/users/${f.targets.enable.id}/enable`, allowed: admins, expect: { status: 303, location: '/admin/users?done=enabled' } },
  { name: "end a member's sessions", method: 'POST', url: (f) => `/admin/users/${f.targets.sessions.id}/end-sessions`, allowed: admins, expect: { status: 303, location: '/admin/users?done=sessions' } },
  { name: 'remove a member', method: 'POST', url: (f) => `/admin/users/${f.targets.remove.id}/remove`, allowed: admins, expect: { status: 303, location: '/admin/users?done=removed' } },
];

describe.each(testDatabases)('admin authorization on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let close: () => Promise<void>;
  let fixture: Fixture;

  beforeAll(async () => {
    ({ app, container, close } = await createTestApp(database));
    const users = {
      administrator: await makeUser(container, 'administrator'),
      editor: await makeUser(container, 'editor'),
      author: await makeUser(container, 'author'),
      contributor: await makeUser(container, 'contributor'),
    };
    const article = await makeArticle(container);
    const reply = await approvedReply(container, replyFields({ articleId: article.id }));
    // An article by a fifth member, so authors and contributors are never its owner here.
    const other = await makeUser(container, 'author', 'Olga Other');
    const theirs = await container.editorial.create(
      { headline: 'Their story', dek: '', slug: '', bodyMarkdown: 'Theirs.', section: 'World', tags: [], status: 'published', publishAt: null, repliesOpen: true, featuredMediaId: null, featuredAlt: '' },
      { id: other.id, name: other.name, authorId: other.authorId },
    );
    const [revision] = await container.editorial.revisions(theirs);
    // And a draft of each member's own (a published one would be beyond a contributor's reach).
    const ownArticleIds: Partial<Record<Role, number>> = {};
    for (const [role, u] of Object.entries(users) as [Role, User][]) {
      ownArticleIds[role] = await container.editorial.create(
        { headline: `Draft by ${role}`, dek: '', slug: '', bodyMarkdown: 'Mine.', section: 'World', tags: [], status: 'draft', publishAt: null, repliesOpen: true, featuredMediaId: null, featuredAlt: '' },
        { id: u.id, name: u.name, authorId: u.authorId },
      );
    }
    const targets = {
      disable: await makeUser(container, 'author', 'Target Disable'),
      enable: await makeUser(container, 'author', 'Target Enable'),
      remove: await makeUser(container, 'author', 'Target Remove'),
      sessions: await makeUser(container, 'author', 'Target Sessions'),
    };
    await container.accounts.setDisabled(targets.enable.id, true, { id: null, name: 'matrix' });
    fixture = { articleId: theirs, revisionId: revision!.id, ownArticleIds, replyId: reply.id, users, targets };
  });
  afterAll(async () => {
    await close();
  });

  async function call(route: RouteCase, who: Who) {
    let jar = new CookieJar();
    let csrf = '';
    if (who !== 'anonymous') ({ jar, csrf } = await signedInAs(container, fixture.users[who]));
    if (route.multipart) return postEditor(app, route.url(fixture, who), { _csrf: csrf, ...(route.fields?.(fixture, who) as Record<string, string>) }, jar);
    if (route.method === 'GET') {
      return app.inject({ method: 'GET', url: route.url(fixture, who), headers: { accept: 'text/html', ...jar.header() } });
    }
    return adminPost(app, route.url(fixture, who), { _csrf: csrf, ...(route.fields?.(fixture, who) ?? {}) }, jar);
  }

  const cases = adminRouteMatrix.flatMap((route) => everyone.map((who) => ({ route, who, allowed: route.allowed.includes(who) })));
  it.each(cases.map((c) => [`${c.route.method} ${c.route.name} as ${c.who}: ${c.allowed ? 'allowed' : 'denied'}`, c] as const))('%s', async (_label, c) => {
    const response = await call(c.route, c.who);
    const toSignIn = response.statusCode === 303 && String(response.headers.location).startsWith('/admin/sign-in');
    const signOutFlow = c.route.url(fixture, c.who).includes('sign-out');
    if (c.allowed && c.route.expect) {
      expect(response.statusCode, response.body.slice(0, 300)).toBe(c.route.expect.status);
      if (c.route.expect.location) expect(response.headers.location).toBe(c.route.expect.location);
    } else if (c.allowed) {
      expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
      expect(response.statusCode).not.toBe(403);
      // Signing out lands on the sign-in page by design; any other route must not.
      if (!signOutFlow) expect(toSignIn).toBe(false);
    } else if (c.who === 'anonymous') {
      // The editor's save answers 401 with the author's text instead of redirecting (nothing saved).
      if (c.route.multipart) expect(response.statusCode).toBe(401);
      else expect(toSignIn).toBe(true);
    } else {
      expect(response.statusCode).toBe(403);
    }
  });

  it('refuses a cross-site POST without the anti-forgery token', async () => {
    const { jar } = await signedInAs(container, fixture.users.administrator);
    const crossSite = await adminPost(app, '/admin/replies/bulk', { ids: String(fixture.replyId), action: 'spam' }, jar, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await container.replies.find(fixture.replyId))!.status).not.toBe('spam');
  });

  it('refuses a same-site POST whose token is missing or belongs to another session', async () => {
    const { jar } = await signedInAs(container, fixture.users.administrator);
    const other = await signedInAs(container, fixture.users.editor);
    const missing = await adminPost(app, '/admin/replies/bulk', { ids: String(fixture.replyId), action: 'spam' }, jar);
    const wrong = await adminPost(app, '/admin/replies/bulk', { ids: String(fixture.replyId), action: 'spam', _csrf: other.csrf }, jar);
    expect(missing.statusCode).toBe(403);
    expect(wrong.statusCode).toBe(403);
    expect(missing.body).toContain('did not come from this site');
    // Shown in the newsroom's own frame, with a way back.
    expect(missing.body).toContain('Back to the overview');
    expect((await container.replies.find(fixture.replyId))!.status).not.toBe('spam');
  });

  it('refuses an editor POST (multipart) without the token', async () => {
    const { jar } = await signedInAs(container, fixture.users.administrator);
    const response = await postEditor(app, '/admin/articles', editorFields('published')(), jar);
    expect(response.statusCode).toBe(403);
  });

  it('refuses a sign-in POST without the sign-in form’s token (login CSRF)', async () => {
    const response = await adminPost(app, '/admin/sign-in', { email: fixture.users.editor.email, password: 'whatever' });
    expect(response.statusCode).toBe(403);
  });
});
