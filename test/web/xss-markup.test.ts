import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEditor, articleFields } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, postForm } from '../support/http.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { formatFindings, scanHtmlDocument, scanHtmlFragment, scanJsonFeed, scanXmlFeed, type Finding } from '../xss/inert-markup.js';
import { plantCorpus, storable, type PlantedCorpus } from '../xss/plant-corpus.js';
import { codeOf, instantiate, xssVectors } from '../xss/vectors.js';

/**
 * The XSS corpus (test/xss/vectors.ts) put into every field a reader or a member can fill, then
 * every page, feed and JSON answer that shows it read back through `app.inject` and parsed as a
 * browser (parse5) or a feed reader would: no script, event handler, javascript:/data: URL,
 * frame or foreign form may come out of it. The browser run of the same corpus is
 * e2e/xss.spec.ts; this one needs no browser and runs in seconds.
 */
describe.each(testDatabases)('cross-site scripting corpus on $name', (database) => {
  let ctx: TestApp;
  let planted: PlantedCorpus;
  let admin: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestApp(database);
    planted = await plantCorpus(ctx.app, ctx.container);
    admin = planted.adminSession.jar.header();
  }, 240_000);
  afterAll(async () => {
    await ctx?.close();
  });

  async function get(app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
    const response = await app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
    expect(response.statusCode, `GET ${url}`).toBe(200);
    return response;
  }

  async function scanPages(urls: string[], headers: Record<string, string> = {}): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const url of urls) findings.push(...scanHtmlDocument((await get(ctx.app, url, headers)).body, url));
    return findings;
  }

  it('stores the corpus in every field (validation refusing only what it should)', () => {
    const total = xssVectors.length;
    expect(total).toBeGreaterThanOrEqual(200);
    for (const [field, count] of Object.entries(planted.stored)) {
      // A website must be a web address, so most vectors go in after one; sections are 60 characters at most.
      const floor = field === 'section' ? 0.7 : 0.95;
      expect(count, `vectors stored in ${field}`).toBeGreaterThanOrEqual(Math.floor(total * floor));
    }
  });

  it('renders the public pages inert: front page, articles, reply pages, sections and tags', async () => {
    const urls = [
      '/',
      ...planted.articles.map((a) => `/articles/${encodeURIComponent(a.slug)}`),
      ...Array.from({ length: planted.replyPages.replies }, (_, i) => `/articles/${planted.repliesArticle.slug}?cpage=${i + 1}`),
      ...Array.from({ length: planted.replyPages.moderated }, (_, i) => `/articles/${planted.moderatedArticle.slug}?cpage=${i + 1}`),
      ...planted.sectionSlugs.map((s) => `/section/${encodeURIComponent(s)}`),
      ...[...planted.tagSlugs, ...planted.batchTagSlugs].map((t) => `/tag/${encodeURIComponent(t)}`),
    ];
    expect(formatFindings(await scanPages(urls))).toBe('');
  });

  it('serves feeds whose HTML fields are inert and whose XML is well-formed', async () => {
    const findings: Finding[] = [];
    for (const url of [
      '/feed.xml',
      '/atom.xml',
      `/articles/${planted.repliesArticle.slug}/replies/feed.xml`,
      `/articles/${planted.moderatedArticle.slug}/replies/feed.xml`,
    ]) {
      findings.push(...scanXmlFeed((await get(ctx.app, url)).body, url));
    }
    findings.push(...scanJsonFeed((await get(ctx.app, '/feed.json')).body, '/feed.json'));
    expect(formatFindings(findings)).toBe('');
  });

  it('answers the JSON API as JSON that a browser will not sniff as HTML', async () => {
    for (const slug of [planted.repliesArticle.slug, planted.moderatedArticle.slug]) {
      const response = await get(ctx.app, `/api/articles/${slug}/replies?limit=500`, { accept: 'application/json' });
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect((response.json() as { replies: unknown[] }).replies.length).toBeGreaterThanOrEqual(xssVectors.length);
    }
  });

  it('renders the newsroom inert: overview, article list, editors, desk, reply pages, audit, people, settings', async () => {
    const deskPages = (status: string, count: number) =>
      Array.from({ length: Math.ceil(count / 50) }, (_, i) => `/admin/replies?status=${status}&page=${i + 1}`);
    const urls = [
      '/admin',
      '/admin/articles',
      ...planted.articles.map((a) => `/admin/articles/${a.id}/edit`),
      `/admin/articles/${planted.repliesArticle.id}/edit`,
      ...deskPages('approved', planted.repliesArticle.replyIds.length + planted.moderatedArticle.replyIds.length),
      '/admin/replies?status=held',
      '/admin/replies?status=spam',
      ...planted.repliesArticle.replyIds.map((id) => `/admin/replies/${id}`),
      // The edited replies (their page shows the staff answer beneath too).
      ...planted.moderatedArticle.replyIds.filter((_, i) => i % 2 === 0).map((id) => `/admin/replies/${id}`),
      ...planted.deskSearches.map((q) => `/admin/replies?${new URLSearchParams({ status: 'approved', q })}`),
      '/admin/audit',
      '/admin/users',
      '/admin/settings/discussion',
    ];
    expect(formatFindings(await scanPages(urls, admin))).toBe('');
  });

  it('keeps the live preview inert', async () => {
    const body = xssVectors.map((v) => storable(instantiate(v, codeOf('article-body', v)))).join('\n\n');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/admin/articles/preview',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'sec-fetch-site': 'same-origin',
        ...admin,
      },
      payload: new URLSearchParams({
        _csrf: planted.adminSession.csrf,
        headline: instantiate(xssVectors[0]!, codeOf('headline', xssVectors[0]!)),
        dek: '',
        body,
      }).toString(),
    });
    expect(response.statusCode).toBe(200);
    expect(formatFindings(scanHtmlFragment((response.json() as { html: string }).html, 'preview'))).toBe('');
  });

  it('gives a refused reply back in the form, inert, and an accepted one to the page script, inert', async () => {
    const findings: Finding[] = [];
    for (const [i, v] of xssVectors.entries()) {
      const fields = {
        comment: instantiate(v, codeOf('reply-text', v)),
        author: instantiate(v, codeOf('reply-name', v)),
        url: instantiate(v, codeOf('reply-website', v)),
      };
      // An invalid email: the page comes back with the reader's own text in the form.
      // On the vector's own article: a page without two hundred replies to render each time.
      const refused = await postForm(
        ctx.app,
        `/articles/${encodeURIComponent(planted.articles[i]!.slug)}/replies`,
        { ...fields, email: 'not an address' },
        new CookieJar(),
        { 'x-forwarded-for': '10.9.9.9' },
      );
      expect(refused.statusCode, `refused post of vector ${v.index}`).toBe(422);
      findings.push(...scanHtmlDocument(refused.body, `refused reply #${v.index}`));
    }
    for (const v of xssVectors.slice(0, 40)) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: `/api/articles/${planted.repliesArticle.slug}/replies`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: new URLSearchParams({
          comment: instantiate(v, codeOf('reply-text', v)),
          author: instantiate(v, codeOf('reply-name', v)),
          email: `inline.${v.index}@example.org`,
          url: '',
        }).toString(),
        remoteAddress: `10.8.${Math.floor(v.index / 250)}.${(v.index % 250) + 1}`,
      });
      expect(response.statusCode, `inline post of vector ${v.index}: ${response.body.slice(0, 300)}`).toBe(201);
      findings.push(...scanHtmlFragment((response.json() as { reply: { html: string } }).reply.html, `inline reply #${v.index}`));
    }
    expect(formatFindings(findings)).toBe('');
  });

  it('gives a refused article back in the editor, inert', async () => {
    const findings: Finding[] = [];
    const member = planted.adminSession;
    for (const v of xssVectors) {
      const value = (field: Parameters<typeof codeOf>[0]) => instantiate(v, codeOf(field, v));
      // Published without a body: refused, every field shown again as typed.
      const fields = articleFields(member.csrf, {
        headline: value('headline'),
        dek: value('dek'),
        body: '',
        section: value('section'),
        tags: value('tag'),
        slug: value('slug'),
        featuredAlt: value('image-alt'),
      });
      const response = await postEditor(ctx.app, '/admin/articles', fields, member.jar);
      expect(response.statusCode, `refused article for vector ${v.index}`).toBe(422);
      findings.push(...scanHtmlDocument(response.body, `refused article #${v.index}`));
    }
    expect(formatFindings(findings)).toBe('');
  });
});
