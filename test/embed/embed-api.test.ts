import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { testDatabases } from '../support/databases.js';
import { makeUser, signedInAs } from '../support/admin.js';
import { testModerator } from '../support/factories.js';
import { getPage } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

type App = Awaited<ReturnType<typeof createTestApp>>;

const BLOG = 'http://blog.test';
const page = `${BLOG}/2026/01/harbour-plan/`;

/** The token a thread's form carries. */
function tokenOn(html: string): string {
  const match = /name="form_token" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('the thread has no form token');
  return match[1]!;
}

/*
 * Issue 15: the embed API. Allowed sites come from EMBED_ORIGINS and the discussion settings; any
 * other origin is told why and stores nothing; a page address must be an http(s) page of the
 * asking site; a site has a limit of pages; replies go through the same writer and rules.
 */
describe.each(testDatabases)('embedded replies API on $name', (database) => {
  let site: App;
  beforeEach(async () => {
    site = await createTestApp(database, undefined, { EMBED_ORIGINS: BLOG, EMBED_PAGES_PER_SITE: '3' });
  });
  afterEach(async () => {
    await site.close();
  });

  let n = 0;
  const fields = (overrides: Record<string, string> = {}) => ({
    comment: `Embedded reply ${++n}: the harbour plan needs a second look.`,
    author: 'Iris Elsewhere',
    email: 'iris@example.org',
    url: '',
    comment_parent: '0',
    page_url: page,
    page_title: 'The harbour plan',
    ...overrides,
  });

  async function thread(origin: string, pageUrl = page, pending?: string) {
    const query = new URLSearchParams({ page_url: pageUrl, ...(pending ? { pending } : {}) });
    return site.app.inject({ method: 'GET', url: `/api/v1/embed/thread?${query}`, headers: { origin } });
  }

  async function post(origin: string | undefined, values: Record<string, string>, extraHeaders: Record<string, string> = {}) {
    // A reader who took their time (the bot defence holds a form posted within seconds).
    site.clock.advance(20_000);
    const response = await site.app.inject({
      method: 'POST',
      url: '/api/v1/embed/replies',
      headers: {
        ...(origin ? { origin } : {}),
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
        ...extraHeaders,
      },
      payload: new URLSearchParams(values).toString(),
    });
    site.clock.advance(20_000);
    return response;
  }

  async function pageCount() {
    const row = await site.container.storage.db
      .selectFrom('embed_pages')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function replyCount() {
    const row = await site.container.storage.db
      .selectFrom('replies')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('answers an allowed site with the form and an empty thread, storing nothing', async () => {
    const response = await thread(BLOG);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(BLOG);
    expect(response.headers.vary).toMatch(/Origin/);
    const body = response.json();
    expect(body.page.known).toBe(false);
    expect(body.html).toContain('Leave a Reply');
    expect(body.html).toContain('name="comment"');
    expect(body.html).toContain('Save my name, email, and website in this browser for the next time I comment.');
    tokenOn(body.html);
    expect(await pageCount()).toBe(0);
  });

  it('tells a site that is not allowed why, with nothing it could post with, and stores nothing', async () => {
    const response = await thread('http://elsewhere.test', 'http://elsewhere.test/a-page');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toMatch(/not on Gazette's list of allowed sites/);
    expect(response.body).not.toContain('form_token');
    const posted = await post('http://elsewhere.test', { ...fields(), page_url: 'http://elsewhere.test/a-page' });
    expect(posted.statusCode).toBe(403);
    expect(await pageCount()).toBe(0);
    expect(await replyCount()).toBe(0);
  });

  it('refuses a request without an Origin', async () => {
    const response = await site.app.inject({ method: 'GET', url: `/api/v1/embed/thread?page_url=${encodeURIComponent(page)}` });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('answers a preflight for an allowed site only', async () => {
    const ok = await site.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/embed/replies',
      headers: { origin: BLOG, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(BLOG);
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    const refused = await site.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/embed/replies',
      headers: { origin: 'http://elsewhere.test', 'access-control-request-method': 'POST' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('posts a first reply held for moderation, records the page, and shows it to its author only', async () => {
    const token = tokenOn((await thread(BLOG)).json().html);
    const response = await post(BLOG, fields({ form_token: token }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.message).toBe('Your comment is awaiting moderation.');
    expect(body.reply.html).toContain('Your comment is awaiting moderation.');
    expect(body.pending).toBeTruthy();
    const [stored] = await site.container.storage.db.selectFrom('embed_pages').selectAll().execute();
    expect(stored).toMatchObject({ origin: BLOG, url: page, title: 'The harbour plan' });

    const own = (await thread(BLOG, page, body.pending)).json();
    expect(own.page.known).toBe(true);
    expect(own.html).toContain('Your comment is awaiting moderation.');
    const stranger = (await thread(BLOG)).json();
    expect(stranger.html).not.toContain('Embedded reply');

    // A moderator approves it (the one status change, audited): everyone sees it.
    await site.container.replies.changeReplyStatus([body.reply.id], 'approved', testModerator);
    expect((await thread(BLOG)).json().html).toContain('the harbour plan needs a second look');
    const feed = await site.app.inject({ method: 'GET', url: own.page.feed.replace('http://gazette.test', '') });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`${page}#reply-${body.reply.id}`);
  });

  it('keeps the page out of the paper: no article page, no section in the menu, not in the newsroom list', async () => {
    await post(BLOG, fields());
    const [stored] = await site.container.storage.db.selectFrom('embed_pages').selectAll().execute();
    const article = await site.container.articles.findById(stored!.article_id);
    const pageAnswer = await site.app.inject({ method: 'GET', url: `/articles/${article!.slug}` });
    expect(pageAnswer.statusCode).toBe(404);
    expect((await site.container.articles.sections()).map((s) => s.slug)).not.toContain('embedded-pages');
    expect((await site.container.editorial.list({ limit: 50 })).map((a) => a.id)).not.toContain(stored!.article_id);
  });

  it('refuses the same fields the article form refuses, naming each field', async () => {
    const response = await post(BLOG, fields({ comment: '', email: 'not-an-address' }));
    expect(response.statusCode).toBe(422);
    const fieldsRefused = response.json().error.fields.map((f: { field: string }) => f.field);
    expect(fieldsRefused).toEqual(expect.arrayContaining(['comment', 'email']));
    expect(await replyCount()).toBe(0);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', /https:\/\/ or http:\/\//],
    ['another site', 'http://victim.test/page', /another site/],
    ['10 KB of junk', 'x'.repeat(10_000), /too long/],
    ['junk', 'not a url at all', /not a URL/],
  ])('refuses a page address that is %s with a message on page_url', async (_name, pageUrl, message) => {
    const response = await post(BLOG, fields({ page_url: pageUrl }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ field: 'page_url' });
    expect(response.json().error.message).toMatch(message);
    expect(await pageCount()).toBe(0);
    expect((await thread(BLOG, pageUrl)).statusCode).toBe(422);
  });

  it('stops a site at its page limit with a clear error', async () => {
    for (let i = 1; i <= 3; i++)
      expect((await post(BLOG, fields({ page_url: `${BLOG}/p${i}`, email: `r${i}@example.org` }))).statusCode).toBe(201);
    const refused = await post(BLOG, fields({ page_url: `${BLOG}/p4`, email: 'r4@example.org' }));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/already has replies on 3 pages/);
    expect(await pageCount()).toBe(3);
    // A page it already has still takes replies.
    expect((await post(BLOG, fields({ page_url: `${BLOG}/p1`, email: 'r5@example.org' }))).statusCode).toBe(201);
  });

  it('allows a site the newsroom added in the discussion settings, and refuses an origin that is not one', async () => {
    const other = 'https://other.test';
    expect((await thread(other, `${other}/x`)).statusCode).toBe(403);
    await expect(
      site.container.discussion.update({ embedOrigins: ['https://other.test/path'] }, { id: null, name: 'Test' }),
    ).rejects.toThrow(/not a site's origin/);
    await site.container.discussion.update({ embedOrigins: [`${other}/`] }, { id: null, name: 'Test' });
    expect((await site.container.discussion.current()).embedOrigins).toEqual([other]);
    expect((await thread(other, `${other}/x`)).statusCode).toBe(200);
  });

  it('serves embed.js to any origin, small, with the stylesheet inside and no other host named', async () => {
    const response = await site.app.inject({ method: 'GET', url: '/embed.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.body).not.toContain('__GAZETTE_CSS__');
    expect(response.body).toContain('.reply-card');
    expect(response.body).not.toMatch(/https?:\/\/(?!NEWS\.EXAMPLE)[a-z]/i);
    expect(gzipSync(response.body).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('shows each reply’s page on the desk and filters the desk by site', async () => {
    const other = 'https://other.test';
    await site.container.discussion.update({ embedOrigins: [other] }, testModerator);
    expect((await post(BLOG, fields({ comment: 'From the blog, about the harbour.' }))).statusCode).toBe(201);
    expect(
      (await post(other, fields({ comment: 'From the other site, about trams.', page_url: `${other}/trams`, email: 'o@example.org' })))
        .statusCode,
    ).toBe(201);
    const editor = await makeUser(site.container, 'editor', 'Eda Editor');
    const { jar } = await signedInAs(site.container, editor);
    const all = await getPage(site.app, '/admin/replies?status=held', jar);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(page);
    expect(all.body).toContain(`${other}/trams`);
    expect(all.body).toContain(`<option value="${other}"`);
    const blogOnly = await getPage(site.app, `/admin/replies?status=held&site=${encodeURIComponent(BLOG)}`, jar);
    expect(blogOnly.body).toContain('From the blog, about the harbour.');
    expect(blogOnly.body).not.toContain('From the other site, about trams.');
  });
});
