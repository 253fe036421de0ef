import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields, sender } from '../support/factories.js';
import { personFormToken } from '../support/http.js';
import { rawExchange as rawExchangeWith } from '../support/raw-exchange.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * The page cache over a real socket: plain hits are answered in front of Fastify
 * (page-cache-fast-path.ts), and everything personal or conditional still goes through it.
 */
const slug = demoArticle.slug!;
const articlePath = `/articles/${slug}`;
const withoutToken = (html: string) => html.replace(/name="form_token" value="[^"]+"/, 'name="form_token" value=""');

describe.each(testDatabases)('the page cache over HTTP on $name', (database) => {
  let site: (TestApp & { base: string; routed: string[] }) | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  /** A test app listening on 127.0.0.1, noting the requests Fastify answered. */
  async function serve(env?: Record<string, string>) {
    const app = await createTestApp(database, undefined, env);
    const routed: string[] = [];
    // onResponse runs for every answer Fastify gives, its own cache hits included.
    app.app.addHook('onResponse', async (request) => {
      routed.push(request.url);
    });
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.app.server.address() as AddressInfo;
    site = { ...app, base: `http://127.0.0.1:${port}`, routed };
    return site;
  }

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${site!.base}${path}`, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return { status: response.status, headers: response.headers, body: await response.text() };
  }

  it('answers a plain hit before routing, with the headers of a rendered page and a fresh form token', async () => {
    await serve();
    const first = await get(articlePath);
    expect(first.headers.get('x-cache')).toBe('miss');

    const second = await get(articlePath);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('hit');
    // Never reached Fastify: an answer it gave afterwards is the next it noted.
    await get('/robots.txt');
    await expect.poll(() => site!.routed).toEqual([articlePath, '/robots.txt']);
    for (const name of [
      'content-security-policy',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
      'content-type',
      'etag',
      'cache-control',
    ])
      expect(second.headers.get(name), name).toBe(first.headers.get(name));
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(Number(second.headers.get('content-length'))).toBe(Buffer.byteLength(second.body));
    expect(withoutToken(second.body)).toBe(withoutToken(first.body));
    expect(second.body).not.toBe(first.body);
  });

  it('sends a conditional request through Fastify, which answers 304 with no body', async () => {
    await serve();
    const { headers } = await get(articlePath);
    const etag = headers.get('etag')!;
    const revalidated = await get(articlePath, { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.get('content-length') ?? '0').toBe('0');
    await expect.poll(() => site!.routed).toEqual([articlePath, articlePath]);
  });

  it("shows a held reply's author their notice while everyone else gets the cached page", async () => {
    await serve();
    await get(articlePath);
    const posted = await fetch(`${site!.base}${articlePath}/replies`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({
        ...personFormToken(site!.app),
        comment: 'Held for a moderator, seen by me alone.',
        author: 'Hae-won Private',
        email: 'haewon.private@example.org',
        url: '',
        comment_parent: '0',
        remember: 'yes',
      }),
    });
    expect(posted.status).toBe(303);
    const cookies = posted.headers.getSetCookie().map((c) => c.split(';')[0]!);
    expect(cookies.some((c) => c.startsWith('gazette_'))).toBe(true);

    const own = await get(articlePath, { cookie: cookies.join('; ') });
    expect(own.headers.get('x-cache')).toBe('bypass');
    expect(own.body).toContain('Your comment is awaiting moderation.');
    expect(own.body).toContain('Hae-won Private');

    for (let i = 0; i < 2; i++) {
      const stranger = await get(articlePath);
      expect(stranger.headers.get('x-cache')).toBe('hit');
      expect(stranger.body).not.toContain('awaiting moderation');
      expect(stranger.body).not.toContain('Hae-won Private');
      expect(stranger.body).not.toContain('haewon.private@example.org');
      expect(stranger.headers.get('set-cookie')).toBeNull();
    }
  });

  it("never serves a cached page to a request with a session, nor stores that request's page", async () => {
    await serve();
    const signedIn = await get('/', { cookie: 'gazette_session=someone' });
    expect(signedIn.headers.get('x-cache')).toBe('bypass');
    // Nothing was stored from it: the next stranger renders afresh.
    expect((await get('/')).headers.get('x-cache')).toBe('miss');
    expect((await get('/', { cookie: 'gazette_session=someone' })).headers.get('x-cache')).toBe('bypass');
  });

  it("drops an article's page, its reply feed and the listings showing it when a reply is approved there, and nothing else", async () => {
    await serve();
    const other = await makeArticle(site!.container, {
      headline: 'A quiet article nobody replies to',
      section: 'Science',
      tags: ['Quiet'],
    });
    const demo = (await site!.container.articles.getPublished(slug))!;
    const touched = [articlePath, `${articlePath}/replies/feed.xml`, '/', '/feed.xml', '/replies/feed.xml'];
    const untouched = [`/articles/${other.slug}`, `/articles/${other.slug}/replies/feed.xml`, '/tag/quiet', '/sitemap.xml'];
    for (const path of [...touched, ...untouched]) {
      expect((await get(path)).status, path).toBe(200);
      expect((await get(path)).headers.get('x-cache'), path).toBe('hit');
    }

    const reply = await approvedReply(site!.container, replyFields({ articleId: demo.id, comment: 'Approved, and on the page at once.' }));
    for (const path of touched) expect((await get(path)).headers.get('x-cache'), path).toBe('miss');
    for (const path of untouched) expect((await get(path)).headers.get('x-cache'), path).toBe('hit');
    const page = await get(articlePath);
    expect(page.body).toContain(`id="reply-${reply.id}"`);
    expect((await get('/replies/feed.xml')).body).toContain('Approved, and on the page at once.');
  });

  it('keeps a page rendered before an approval out of the cache after it', async () => {
    await serve();
    const demo = (await site!.container.articles.getPublished(slug))!;
    const store = site!.app.pageCache;
    const before = store.generation;
    const held = await site!.container.replies.post(replyFields({ articleId: demo.id }), sender());
    await site!.container.replies.changeReplyStatus([held.id], 'approved', { kind: 'system', id: null, name: 'test' });
    const page = { body: 'old', etag: '"x"', contentType: 'text/html', storedAt: site!.clock.now().getTime() };
    expect(store.set(articlePath, { ...page, tags: [`article:${demo.id}`] }, before)).toBe(false);
    expect(store.set('/tag/quiet', { ...page, tags: ['article:999999'] }, before)).toBe(true);
    expect(store.set('/untagged', page, before)).toBe(false);
  });

  it('tells shared caches how long to hold a page when SHARED_CACHE_SECONDS is set, on a miss and a hit', async () => {
    await serve({ SHARED_CACHE_SECONDS: '5', SHARED_CACHE_STALE_SECONDS: '30' });
    const expected = 'public, max-age=0, s-maxage=5, stale-while-revalidate=30';
    expect((await get(articlePath)).headers.get('cache-control')).toBe(expected);
    expect((await get(articlePath)).headers.get('cache-control')).toBe(expected);
    expect((await get('/feed.xml')).headers.get('cache-control')).toBe(expected);
    // Never on what is not a public page.
    expect((await get(`/api/articles/${slug}/replies`)).headers.get('cache-control') ?? '').not.toContain('s-maxage');
    expect((await get('/admin/sign-in')).headers.get('cache-control') ?? '').not.toContain('s-maxage');
  });

  /** Sends raw `requests` to the site on one connection (test/support/raw-exchange.ts). */
  function rawExchange(requests: string): Promise<string> {
    return rawExchangeWith((site!.app.server.address() as AddressInfo).port, requests);
  }

  /** The heads in a raw exchange, each as its lines (Date's value blanked), and whether the server closed. */
  function headsOf(raw: string): string[][] {
    return [...raw.matchAll(/HTTP\/1\.1 [^]*?\r\n\r\n/g)].map((m) =>
      m[0]
        .split('\r\n')
        .filter(Boolean)
        .map((line) => (/^date:/i.test(line) ? 'date: (now)' : line)),
    );
  }

  it("writes a hit's head, made once per page, as Node would write it, and keeps the connection open", async () => {
    await serve();
    await get(articlePath);
    const get11 = `GET ${articlePath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    // Two hits on one kept-alive connection: the preformatted head.
    const kept = headsOf(await rawExchange(get11 + get11));
    expect(kept).toHaveLength(2);
    // The same page through Node's writeHead: the connection's last request asks to close.
    const closing = headsOf(await rawExchange(`GET ${articlePath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    expect(closing).toHaveLength(1);
    const connectionLines = (head: string[]) => head.filter((l) => /^(connection|keep-alive):/i.test(l));
    const otherLines = (head: string[]) => head.filter((l) => !/^(connection|keep-alive):/i.test(l));
    expect(otherLines(kept[0]!)).toEqual(otherLines(closing[0]!));
    expect(otherLines(kept[1]!)).toEqual(otherLines(closing[0]!));
    expect(kept[0]).toContain('x-cache: hit');
    expect(connectionLines(kept[0]!)).toEqual([
      'Connection: keep-alive',
      `Keep-Alive: timeout=${Math.floor(site!.app.server.keepAliveTimeout / 1000)}`,
    ]);
    expect(connectionLines(closing[0]!)).toEqual(['Connection: close']);
    await expect.poll(() => site!.routed).toEqual([articlePath]);
  });

  it('answers an HTTP/1.0 hit through writeHead and closes the connection, as Node does', async () => {
    await serve();
    await get(articlePath);
    const raw = await rawExchange(`GET ${articlePath} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n`);
    const [head] = headsOf(raw);
    expect(head).toContain('x-cache: hit');
    expect(head).toContain('Connection: close');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    const length = Number(head!.find((l) => l.startsWith('content-length:'))!.split(': ')[1]);
    expect(Buffer.byteLength(body, 'latin1')).toBe(length);
  });
});
