import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { CookieJar, getPage, postForm } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const articleUrl = `/articles/${slug}`;
const formUrl = `/articles/${slug}/replies`;

describe.each(testDatabases)('the reply form on $name', (database) => {
  const site = useTestApp(database);

  const fields = (overrides: Record<string, string> = {}) => ({
    comment: 'Deterrence only works if both allies say the same thing.',
    author: 'Min-jun',
    email: 'minjun@example.org',
    url: '',
    comment_parent: '0',
    ...overrides,
  });

  it('shows the form WordPress readers know, fields in order', async () => {
    const html = (await getPage(site.app, articleUrl)).body;
    expect(html).toContain('Leave a Reply');
    expect(html).toMatch(
      /Your email address will not be published\.<\/span> <span class="required-field-message">Required fields are marked <span class="required">\*<\/span>/,
    );
    const order = ['name="comment"', 'name="author"', 'name="email"', 'name="url"', 'name="remember"', 'Post Comment'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<label for="comment">Comment <span class="required" aria-hidden="true">*</span></label>');
    expect(html).toMatch(/<textarea id="comment" name="comment"[^>]*required/);
    expect(html).toContain('Save my name, email, and website in this browser for the next time I comment.');
    // The fragment brings a refused plain POST back scrolled to the form (issue 11, item 9).
    expect(html).toMatch(/<form method="post" action="\/articles\/[^"]+\/replies#respond"/);
  });

  it('redirects to the new reply and shows "awaiting moderation" to its author only', async () => {
    const author = new CookieJar();
    const response = await postForm(site.app, formUrl, fields(), author);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(new RegExp(`^${articleUrl}#reply-\\d+$`));
    const id = Number(String(response.headers.location).split('#reply-')[1]);

    const own = (await getPage(site.app, articleUrl, author)).body;
    expect(own).toContain(`id="reply-${id}"`);
    expect(own).toContain('Your comment is awaiting moderation.');

    const stranger = (await getPage(site.app, articleUrl)).body;
    expect(stranger).not.toContain(`id="reply-${id}"`);
    expect(stranger).not.toContain('Deterrence only works');

    await site.container.replies.changeReplyStatus([id], 'approved', { kind: 'system', id: null, name: 'test setup' });
    const after = (await getPage(site.app, articleUrl)).body;
    expect(after).toContain(`id="reply-${id}"`);
    expect(after).not.toContain('awaiting moderation');
  });

  it("keeps the reader's text and shows each message next to its field", async () => {
    const response = await postForm(site.app, formUrl, fields({ author: '', email: 'nope', url: 'ftp://x' }));
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toContain('Deterrence only works if both allies say the same thing.</textarea>');
    expect(html).toContain('<p class="field-error" id="author-error">Please enter your name.</p>');
    expect(html).toMatch(/id="email-error">Please enter a valid email address/);
    expect(html).toMatch(/id="url-error">Please enter a valid website address/);
    expect(html).toMatch(/<input id="email" name="email" type="email" value="nope"[^>]*aria-invalid="true"/);
    expect(await site.container.replies.listByStatus('held')).toEqual([]);
  });

  it('refuses an over-long reply with 422 and keeps it', async () => {
    const long = 'word '.repeat(13_106);
    const response = await postForm(site.app, formUrl, fields({ comment: long }));
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/id="comment-error">Your comment is too long: 65,529 characters/);
    expect(response.body).toContain(long.trim());
  });

  it('refuses posting too fast (429) and duplicates (409), with the text kept', async () => {
    const jar = new CookieJar();
    expect((await postForm(site.app, formUrl, fields(), jar)).statusCode).toBe(303);
    const fast = await postForm(site.app, formUrl, fields({ comment: 'A second thought.' }), jar);
    expect(fast.statusCode).toBe(429);
    expect(fast.body).toContain('You are posting comments too quickly. Slow down.');
    expect(fast.body).toContain('A second thought.</textarea>');
    site.clock.advance(20_000);
    const dup = await postForm(site.app, formUrl, fields(), jar);
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('Duplicate comment detected');
  });

  it('answers a missing article with the 404 page and a closed one with 403', async () => {
    const missing = await postForm(site.app, '/articles/no-such-story/replies', fields());
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
    const closedArticle = await makeArticle(site.container, { ...demoArticle, slug: 'closed-story', repliesOpen: false });
    const closed = await postForm(site.app, `/articles/${closedArticle.slug}/replies`, fields());
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('Replies are closed on this article.');
  });

  it('refuses a parent from another article, keeping the text', async () => {
    const other = await makeArticle(site.container, { ...demoArticle, slug: 'other-story' });
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    const jar = new CookieJar();
    const first = await postForm(site.app, `/articles/${other.slug}/replies`, fields(), jar);
    const parentId = String(first.headers.location).split('#reply-')[1]!;
    site.clock.advance(20_000);
    const response = await postForm(site.app, formUrl, fields({ comment: 'Misplaced answer.', comment_parent: parentId }), jar);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('is not on this article');
    expect(response.body).toContain('Misplaced answer.</textarea>');
  });

  it('threads an answer under its parent, and offers "Leave a Reply to NAME" via replytocom', async () => {
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    const parent = await postForm(site.app, formUrl, fields());
    const parentId = String(parent.headers.location).split('#reply-')[1]!;
    const page = (await getPage(site.app, `${articleUrl}?replytocom=${parentId}`)).body;
    expect(page).toMatch(/Leave a Reply<span id="reply-to-name"> to Min-jun<\/span>/);
    expect(page).toMatch(/<a id="cancel-reply" href="[^"]+#respond">Cancel reply<\/a>/);
    expect(page).toContain(`name="comment_parent" id="comment_parent" value="${parentId}"`);
    site.clock.advance(20_000);
    const child = await postForm(
      site.app,
      formUrl,
      fields({ comment: 'I agree.', author: 'Sora', email: 'sora@example.org', comment_parent: parentId }),
    );
    const childId = String(child.headers.location).split('#reply-')[1]!;
    const html = (await getPage(site.app, articleUrl)).body;
    const parentStart = html.indexOf(`id="reply-${parentId}"`);
    const childrenList = html.indexOf('<ol class="children">', parentStart);
    expect(childrenList).toBeGreaterThan(parentStart);
    expect(html.indexOf(`id="reply-${childId}"`)).toBeGreaterThan(childrenList);
    expect(html).toContain(`class="reply depth-2"`);
  });

  it('remembers name, email and website only when the box is ticked', async () => {
    const jar = new CookieJar();
    await postForm(site.app, formUrl, fields({ remember: 'yes', url: 'minjun.example.org' }), jar);
    expect(jar.has('gazette_commenter')).toBe(true);
    const page = (await getPage(site.app, articleUrl, jar)).body;
    expect(page).toContain('value="Min-jun"');
    expect(page).toContain('value="https://minjun.example.org/"');
    expect(page).toMatch(/id="remember" name="remember" type="checkbox" value="yes" checked/);
    site.clock.advance(20_000);
    await postForm(site.app, formUrl, fields({ comment: 'Forget me now.' }), jar);
    expect(jar.has('gazette_commenter')).toBe(false);

    const other = new CookieJar();
    site.clock.advance(20_000);
    await postForm(site.app, formUrl, fields({ comment: 'Never remember me.', email: 'x@example.org' }), other);
    expect(other.has('gazette_commenter')).toBe(false);
  });

  it('links an author\'s website with rel="nofollow ugc" and escapes what they wrote', async () => {
    await site.container.discussion.update({ autoApproveKnownAuthors: false }, { kind: 'system', id: null, name: 'test setup' });
    await postForm(
      site.app,
      formUrl,
      fields({ author: '<b>Eve</b>', comment: '<img src=x onerror=alert(1)>', url: 'https://eve.example' }),
    );
    const html = (await getPage(site.app, articleUrl)).body;
    expect(html).toContain('<a href="https://eve.example/" rel="nofollow ugc noopener" class="url">&lt;b>Eve&lt;/b></a>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('pages the replies when the setting asks, newest page first', async () => {
    await site.container.discussion.update(
      { repliesPerPage: 1, autoApproveKnownAuthors: false },
      { kind: 'system', id: null, name: 'test setup' },
    );
    for (const n of [1, 2]) {
      await postForm(site.app, formUrl, fields({ comment: `Paged reply ${n}.`, email: `p${n}@example.org` }));
      site.clock.advance(20_000);
    }
    const newest = (await getPage(site.app, articleUrl)).body;
    expect(newest).toContain('Paged reply 2.');
    expect(newest).not.toContain('Paged reply 1.');
    expect(newest).toContain('Page 2 of 2');
    expect(newest).toContain('?cpage=1#replies');
    expect((await getPage(site.app, `${articleUrl}?cpage=1`)).body).toContain('Paged reply 1.');
  });

  it('refuses a form posted from another site', async () => {
    const response = await postForm(site.app, formUrl, fields(), new CookieJar(), {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(response.statusCode).toBe(403);
    expect(await site.container.replies.listByStatus('held')).toEqual([]);
  });

  it('never answers a malformed request with a 5xx', async () => {
    const bad = [
      await site.app.inject({
        method: 'POST',
        url: formUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'comment_parent=abc&comment=hi',
      }),
      await site.app.inject({ method: 'POST', url: formUrl, headers: { 'content-type': 'application/json' }, payload: '{not json' }),
      await site.app.inject({ method: 'POST', url: formUrl, headers: { 'content-type': 'text/plain' }, payload: 'hello' }),
      await site.app.inject({
        method: 'POST',
        url: formUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'x'.repeat(2 * 1024 * 1024),
      }),
      await site.app.inject({ method: 'GET', url: `${articleUrl}?replytocom=999999999999` }),
      await site.app.inject({ method: 'GET', url: '/articles/%E0%A4%A' }),
    ];
    for (const r of bad) {
      expect(r.statusCode, r.body.slice(0, 200)).toBeLessThan(500);
      expect(r.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });
});
