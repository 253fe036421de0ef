import { describe, expect, it } from 'vitest';
import { makeUser } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { answerChecker, type OpenApiDoc } from '../support/openapi.js';
import { createTestApp, useTestApp } from '../support/test-app.js';

describe.each(testDatabases)('/api/v1 on $name', (database) => {
  const t = useTestApp(database);

  it('pages the article list with a cursor, each article once, and filters by section, tag and date', async () => {
    for (let i = 0; i < 5; i++)
      await makeArticle(t.container, { section: i % 2 ? 'Politics' : 'World', tags: i === 0 ? ['Rare'] : ['Common'] });
    const seen: number[] = [];
    let url: string | null = '/api/v1/articles?limit=2';
    while (url) {
      const page = (await t.app.inject({ url })).json() as { articles: { id: number }[]; page: { next: string | null } };
      seen.push(...page.articles.map((a) => a.id));
      url = page.page.next;
    }
    expect(seen).toHaveLength(6); // five and the demo article
    expect(new Set(seen).size).toBe(6);
    expect((await t.app.inject({ url: '/api/v1/articles?section=politics' })).json().articles).toHaveLength(2);
    expect((await t.app.inject({ url: '/api/v1/articles?tag=rare' })).json().articles).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/v1/articles?since=2030-01-01T00:00:00Z' })).json().articles).toHaveLength(0);
    const bad = await t.app.inject({ url: '/api/v1/articles?after=not-ours' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid', field: 'after' } });
  });

  it('searches published articles as the search page does: ranked, marked snippets, pages, any query without an error', async () => {
    await makeArticle(t.container, { headline: 'Harbour wall repaired', bodyMarkdown: 'The council met.' });
    await makeArticle(t.container, { headline: 'Council budget', bodyMarkdown: 'Money for the harbour wall.' });
    const found = await t.app.inject({ url: '/api/v1/search?q=harbour&perPage=1' });
    expect(found.statusCode, found.body).toBe(200);
    const body = found.json() as { hits: { headline: string; headlineHtml: string; url: string }[]; hasMore: boolean; page: number };
    // A headline match ranks above a body match.
    expect(body.hits.map((h) => h.headline)).toEqual(['Harbour wall repaired']);
    expect(body.hits[0]!.headlineHtml).toBe('<mark>Harbour</mark> wall repaired');
    expect(body.hits[0]!.url).toMatch(/^http:\/\/gazette\.test\/articles\//);
    expect(body.hasMore).toBe(true);
    const second = (await t.app.inject({ url: '/api/v1/search?q=harbour&perPage=1&page=2' })).json() as typeof body;
    expect(second.hits.map((h) => h.headline)).toEqual(['Council budget']);
    for (const q of ['"', '* OR 1=1; drop table articles; --', '🦆', 'x'.repeat(10_000), '%FF%FE']) {
      const answer = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      expect(answer.statusCode, q.slice(0, 20)).toBe(200);
    }
    expect((await t.app.inject({ url: '/api/v1/search?q=%FF%FE' })).statusCode).toBe(200);
  });

  it('answers a GET with an ETag, and a matching If-None-Match with a 304', async () => {
    const first = await t.app.inject({ url: '/api/v1/sections' });
    expect(first.headers.etag).toBeTruthy();
    const again = await t.app.inject({ url: '/api/v1/sections', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('refuses a revoked token with a 401 and notes when a token was last used', async () => {
    const user = await makeUser(t.container, 'editor');
    const { id, secret } = await t.container.apiTokens.create(user.id, { name: 'script', scope: 'read' });
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ url: '/api/v1/newsroom/replies', headers: auth })).statusCode).toBe(200);
    expect((await t.container.apiTokens.list(user.id))[0]!.lastUsedAt).toEqual(t.clock.now());
    await t.container.apiTokens.revoke(user.id, id);
    const refused = await t.app.inject({ url: '/api/v1/newsroom/replies', headers: auth });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it("posts a reply with the form's rules and messages", async () => {
    const slug = (await makeArticle(t.container)).slug;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${slug}/replies`,
      payload: { author: 'Ada', email: 'ada@example.org' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('comment');
  });

  it('sends no CORS headers unless an origin is configured', async () => {
    const res = await t.app.inject({ url: '/api/v1/sections', headers: { origin: 'https://app.example.org' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('describes every /api/v1 route in the OpenAPI document, and its reference page lists them', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDoc & { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    // printRoutes draws a tree; each line's indent says how many segments it continues.
    const stack: string[] = [];
    const routes: [string, string, string][] = [];
    for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^([│├└─ ]*)(\S+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!m) continue;
      const depth = Math.floor(m[1]!.length / 4);
      stack.length = depth;
      stack[depth] = m[2]!;
      const path = `/${stack.join('')}`.replace(/^\/\//, '/');
      if (m[3] && path.startsWith('/api/v1/')) routes.push([line, path, m[3]]);
    }
    expect(routes.length).toBeGreaterThanOrEqual(12);
    const check = answerChecker(doc);
    for (const [, path, methods] of routes) {
      if (path === '/api/v1/openapi.json' || path === '/api/v1/docs' || path === '/api/v1/*') continue;
      for (const method of methods!.split(', ').filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        const concrete = path!.replace(/:[a-z]+/g, '1');
        expect(check(method, concrete, 401, '{"error":{"code":"x","message":"y"}}'), `${method} ${path}`).toBeUndefined();
      }
    }
    const page = await t.app.inject({ url: '/api/v1/docs' });
    expect(page.body).toContain('GET /api/v1/articles');
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!gazette\.test)[a-z]/);
  });
});

describe.each(testDatabases)('/api/v1 with API_CORS_ORIGINS on $name', (database) => {
  it('answers a listed origin with CORS headers and leaves others out', async () => {
    const t = await createTestApp(database, undefined, { API_CORS_ORIGINS: 'https://app.example.org' });
    try {
      const ok = await t.app.inject({ url: '/api/v1/sections', headers: { origin: 'https://app.example.org' } });
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.org');
      const other = await t.app.inject({ url: '/api/v1/sections', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
