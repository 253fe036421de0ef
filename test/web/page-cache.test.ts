import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { CookieJar, getPage, postForm } from '../support/http.js';
import { useTestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const articleUrl = `/articles/${slug}`;
const formUrl = `/articles/${slug}/replies`;

describe.each(testDatabases)('the page cache on $name', (database) => {
  const site = useTestApp(database);

  const fields = (overrides: Record<string, string> = {}) => ({
    comment: 'The talks matter more than the communiqué.',
    author: 'Hae-won',
    email: 'haewon@example.org',
    url: '',
    comment_parent: '0',
    ...overrides,
  });

  it('serves the second GET from memory with the same ETag, and 304 to a matching If-None-Match', async () => {
    const first = await getPage(site.app, articleUrl);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);

    const second = await getPage(site.app, articleUrl);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers.etag).toBe(etag);
    // The same page but for the reply form's token, fresh in every answer (issue 10).
    const withoutToken = (html: string) => html.replace(/name="form_token" value="[^"]+"/, 'name="form_token" value=""');
    expect(withoutToken(second.body)).toBe(withoutToken(first.body));
    expect(second.body).not.toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    // A cached page carries the same security headers as a fresh one.
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);

    const revalidated = await site.app.inject({ url: articleUrl, headers: { accept: 'text/html', 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('caches the front page and the feeds, but never the JSON API', async () => {
    for (const url of ['/', '/feed.xml', '/feed.json']) {
      await site.app.inject({ url });
      expect((await site.app.inject({ url })).headers['x-cache'], url).toBe('hit');
    }
    await site.app.inject({ url: `/api/articles/${slug}/replies` });
    expect((await site.app.inject({ url: `/api/articles/${slug}/replies` })).headers['x-cache']).toBeUndefined();
  });

  it('shows an approved reply on the next GET', async () => {
    await getPage(site.app, articleUrl);
    expect((await getPage(site.app, articleUrl)).headers['x-cache']).toBe('hit');

    const posted = await postForm(site.app, formUrl, fields());
    const id = Number(String(posted.headers.location).split('#reply-')[1]);
    // Held: nothing public changed, so the cached page still stands.
    expect((await getPage(site.app, articleUrl)).headers['x-cache']).toBe('hit');

    await site.container.replies.changeReplyStatus([id], 'approved', { kind: 'system', id: null, name: 'test setup' });
    const after = await getPage(site.app, articleUrl);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body).toContain(`id="reply-${id}"`);
  });

  it('drops the front page when an article is published', async () => {
    await site.app.inject({ url: '/' });
    const article = await makeArticle(site.container, { headline: 'Allies agree a joint statement' });
    const front = await site.app.inject({ url: '/' });
    expect(front.headers['x-cache']).toBe('miss');
    expect(front.body).toContain(article.headline);
  });

  it('shows a reader their own held reply and keeps it out of what others are served', async () => {
    expect((await getPage(site.app, articleUrl)).headers['x-cache']).toBe('miss');
    const reader = new CookieJar();
    const posted = await postForm(site.app, formUrl, fields(), reader);
    expect(posted.statusCode).toBe(303);
    expect(posted.headers['x-cache']).toBeUndefined();
    const id = Number(String(posted.headers.location).split('#reply-')[1]);

    const own = await getPage(site.app, articleUrl, reader);
    expect(own.headers['x-cache']).toBe('bypass');
    expect(own.body).toContain(`id="reply-${id}"`);
    expect(own.body).toContain('Your comment is awaiting moderation.');

    for (let i = 0; i < 2; i++) {
      const stranger = await getPage(site.app, articleUrl);
      expect(stranger.headers['x-cache']).toBe('hit');
      expect(stranger.body).not.toContain(`id="reply-${id}"`);
      expect(stranger.body).not.toContain('awaiting moderation');
    }
  });

  it('keeps a remembered name out of the cache both ways', async () => {
    const reader = new CookieJar();
    await postForm(site.app, formUrl, fields({ remember: 'yes', author: 'Remembered Reader' }), reader);
    expect(reader.has('gazette_commenter')).toBe(true);
    const own = await getPage(site.app, articleUrl, reader);
    expect(own.headers['x-cache']).toBe('bypass');
    expect(own.body).toContain('Remembered Reader');
    const stranger = await getPage(site.app, articleUrl);
    expect(stranger.body).not.toContain('Remembered Reader');
    expect((await getPage(site.app, articleUrl)).body).not.toContain('Remembered Reader');
  });

  it('drops everything when settings change or other processes changed things unannounced', async () => {
    for (const event of [{ type: 'settings.changed', key: 'discussion' }, { type: 'changes.unseen' }] as const) {
      await site.app.inject({ url: '/' });
      expect((await site.app.inject({ url: '/' })).headers['x-cache']).toBe('hit');
      site.container.events.publish(event);
      expect((await site.app.inject({ url: '/' })).headers['x-cache'], event.type).toBe('miss');
    }
  });

  it('lets an entry expire after a minute, for changes no event announces', async () => {
    await site.app.inject({ url: '/' });
    expect((await site.app.inject({ url: '/' })).headers['x-cache']).toBe('hit');
    site.clock.advance(61_000);
    expect((await site.app.inject({ url: '/' })).headers['x-cache']).toBe('miss');
  });

  it('does not cache errors', async () => {
    await site.app.inject({ url: '/articles/no-such-thing' });
    const again = await site.app.inject({ url: '/articles/no-such-thing' });
    expect(again.statusCode).toBe(404);
    expect(again.headers['x-cache']).toBeUndefined();
  });
});
