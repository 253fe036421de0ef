import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { Role, User } from '../../src/modules/accounts/index.js';
import type { ArticleDraft, EditorActor } from '../../src/modules/articles/index.js';
import { adminPost, makeStaff, makeUser, postEditor, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar } from '../support/http.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { createTestApp } from '../support/test-app.js';
import {
  adminRouteMatrix,
  editorFields,
  everyone,
  type Expected,
  type Fixture,
  type RouteCase,
  type Subject,
  type Who,
} from './admin-route-matrix.js';

/** What the editor would save: a headline and a status, the rest plain. */
const draftOf = (headline: string, status: ArticleDraft['status']): ArticleDraft => ({
  headline,
  dek: '',
  slug: '',
  bodyMarkdown: 'Matrix text.',
  section: 'World',
  tags: [],
  status,
  publishAt: null,
  repliesOpen: true,
  featuredMediaId: null,
  featuredAlt: '',
});
const actorOf = (u: User): EditorActor => ({ id: u.id, name: u.name, authorId: u.authorId });

describe.each(testDatabases)('admin authorization on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let close: () => Promise<void>;
  let fixture: Fixture;
  /** The fifth member, who owns "their" articles (so authors and contributors never own them). */
  let other: User;

  beforeAll(async () => {
    ({ app, container, close } = await createTestApp(database));
    const users = await makeStaff(container);
    const article = await makeArticle(container);
    const reply = await approvedReply(container, replyFields({ articleId: article.id }));
    other = await makeUser(container, 'author', 'Olga Other');
    const theirs = await container.editorial.create(draftOf('Their story', 'published'), actorOf(other));
    const [revision] = await container.editorial.revisions(theirs);
    // A draft of each member's own (a published one would be beyond a contributor's reach).
    const ownArticleIds = {} as Record<Role, number>;
    for (const [role, u] of Object.entries(users) as [Role, User][]) {
      ownArticleIds[role] = await container.editorial.create(draftOf(`Draft by ${role}`, 'draft'), actorOf(u));
    }
    const targets = {
      disable: await makeUser(container, 'author', 'Target Disable'),
      enable: await makeUser(container, 'author', 'Target Enable'),
      remove: await makeUser(container, 'author', 'Target Remove'),
      sessions: await makeUser(container, 'author', 'Target Sessions'),
    };
    await container.accounts.setDisabled(targets.enable.id, true, { id: null, name: 'matrix' });
    const webhook = await container.webhooks.register({ url: 'https://hooks.example/matrix', events: ['article.published'] });
    fixture = {
      articleId: theirs,
      revisionId: revision!.id,
      ownArticleIds,
      replyId: reply.id,
      users,
      targets,
      webhookId: webhook.id,
      subject: 0,
    };
  });
  afterAll(async () => {
    await close();
  });

  /** Makes the cell's own subject, so no cell depends on what an earlier cell changed. */
  async function make(subject: Subject | undefined, who: Who): Promise<number> {
    if (subject === undefined) return 0;
    // An anonymous caller owns nothing: its "own" article is the fifth member's.
    const owner = who === 'anonymous' || !subject.startsWith('own') ? other : fixture.users[who];
    switch (subject) {
      case 'own draft':
        return container.editorial.create(draftOf(`Draft for ${who}`, 'draft'), actorOf(owner));
      case 'their published article':
        return container.editorial.create(draftOf(`Published for ${who}`, 'published'), actorOf(owner));
      case 'own trashed draft':
      case 'their trashed article': {
        const id = await container.editorial.create(draftOf(`Trashed for ${who}`, 'draft'), actorOf(owner));
        await container.editorial.trash(id, actorOf(owner));
        return id;
      }
      case 'own API token':
      case "someone else's API token":
        return (await container.apiTokens.create(owner.id, { name: `Matrix token for ${who}`, scope: 'read' })).id;
      case 'webhook':
        return (await container.webhooks.register({ url: `https://hooks.example/${who}`, events: ['reply.held'] })).id;
      case 'approved reply':
        // Its own address, so flood control (per address) never meets another cell's reply.
        return (await approvedReply(container, replyFields({ articleId: fixture.articleId, email: `matrix.${who}@example.org` }))).id;
    }
  }

  async function call(route: RouteCase, who: Who, f: Fixture) {
    let jar = new CookieJar();
    let csrf = '';
    if (who !== 'anonymous') ({ jar, csrf } = await signedInAs(container, f.users[who]));
    const url = route.url(f, who);
    if (route.multipart) return postEditor(app, url, { _csrf: csrf, ...(route.fields?.(f, who) as Record<string, string>) }, jar);
    if (route.method === 'GET') return app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...jar.header() } });
    return adminPost(app, url, { _csrf: csrf, ...(route.fields?.(f, who) ?? {}) }, jar);
  }

  function expectedLocation(e: Expected, f: Fixture, url: string): string | RegExp | undefined {
    return typeof e.location === 'function' ? e.location(f, url) : e.location;
  }

  const cells = adminRouteMatrix.flatMap((route) => everyone.map((who, column) => ({ route, who, expected: route.expect[column]! })));
  it.each(cells.map((c) => [`${c.route.method} ${c.route.name} as ${c.who}: ${c.expected.status}`, c] as const))(
    '%s',
    async (_label, c) => {
      const f = { ...fixture, subject: await make(c.route.subject, c.who) };
      const response = await call(c.route, c.who, f);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(c.expected.status);
      const location = expectedLocation(c.expected, f, c.route.url(f, c.who));
      if (location instanceof RegExp) expect(response.headers.location).toMatch(location);
      else expect(response.headers.location).toBe(location);
    },
  );

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
