import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantCorpus, type PlantedCorpus } from '../test/xss/plant-corpus.js';
import { codeOf, describeCode, instantiate, xssVectors } from '../test/xss/vectors.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { startSite, type RunningSite } from './support/site.js';

/** Results go here (ignored by git), never into the work tree's tracked files. */
const resultsDir = join(import.meta.dirname, '..', 'test-results', 'xss');

/**
 * Every `stride`-th item: the browserless test (test/web/xss-markup.test.ts) reads every page of a
 * kind; the browser samples the kinds whose template repeats, to stay within CI time.
 */
function every<T>(items: readonly T[], stride: number): T[] {
  return items.filter((_, i) => i % stride === 0);
}

/** One sign that a vector ran, or could run with one click: where, and which vector (by its code). */
interface Firing {
  url: string;
  how: string;
  detail: string;
}

/** What is wrong with the DOM as the browser built it (handlers and script URLs the corpus tried to plant). */
async function liveMarkupProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];
    const visit = (root: Document | DocumentFragment) => {
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          const value = attr.value
            .replace(/^[\u0000-\u0020]+/, '')
            .replace(/[\t\n\r]/g, '')
            .toLowerCase();
          if (name.startsWith('on')) found.push(`${name} on <${el.localName}>: ${el.outerHTML.slice(0, 200)}`);
          if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(value))
            found.push(`${name}=${value.slice(0, 12)}… on <${el.localName}>: ${el.outerHTML.slice(0, 200)}`);
          // The editor's preview is the site's own frame: sandboxed, no script; its document is visited below.
          const sitePreview = el.classList.contains('preview-frame') && el.getAttribute('sandbox') === 'allow-same-origin';
          if (name === 'srcdoc' && !sitePreview) found.push(`srcdoc on <${el.localName}>`);
        }
        if (el instanceof HTMLTemplateElement) visit(el.content);
        if (el instanceof HTMLIFrameElement && el.contentDocument) {
          for (const s of el.contentDocument.querySelectorAll('script')) found.push(`a script in a frame: ${s.outerHTML.slice(0, 200)}`);
          visit(el.contentDocument);
        }
      }
    };
    visit(document);
    const scripts = [...document.querySelectorAll('script')];
    for (const s of scripts) {
      const type = s.getAttribute('type');
      const site = (type === 'application/ld+json' && !s.src) || (s.getAttribute('src')?.startsWith('/assets/') && s.textContent === '');
      if (!site) found.push(`a script the site did not write: ${s.outerHTML.slice(0, 200)}`);
    }
    // JSON-LD: one block, JSON, nothing in it that could have closed its element early.
    for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        JSON.parse(s.textContent ?? '');
      } catch {
        found.push(`JSON-LD that does not parse: ${(s.textContent ?? '').slice(0, 200)}`);
      }
    }
    return found;
  });
}

/**
 * A browser context with the trap set before any page script: `__xss()` (every payload's call),
 * alert/confirm/prompt/print, dialogs, and any request to the `/__xss/` marker path.
 */
async function trappedContext(
  browser: Browser,
  site: RunningSite,
  firings: Firing[],
  options: { bypassCSP: boolean; session?: string },
): Promise<BrowserContext> {
  const context = await newReader(browser, site.baseUrl, { bypassCSP: options.bypassCSP });
  await context.exposeBinding('__xssReport', (source, how: string, detail: string) => {
    firings.push({ url: source.frame.url(), how, detail });
  });
  await context.addInitScript(() => {
    const report = (how: string) => (detail?: unknown) => {
      (window as unknown as { __xssReport(how: string, detail: string): void }).__xssReport(how, String(detail));
    };
    Object.assign(window, {
      __xss: report('__xss'),
      alert: report('alert'),
      confirm: report('confirm'),
      prompt: report('prompt'),
      print: report('print'),
    });
  });
  context.on('request', (request) => {
    if (request.url().includes('/__xss/')) firings.push({ url: request.frame().url(), how: 'marker request', detail: request.url() });
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      firings.push({ url: page.url(), how: `dialog (${dialog.type()})`, detail: dialog.message() });
      void dialog.dismiss().catch(() => undefined);
    });
  });
  if (options.session) await context.addCookies([{ name: 'gazette_session', value: options.session, url: site.baseUrl }]);
  return context;
}

/** Loads each address and checks the live DOM; returns how many were loaded. */
async function visitAll(page: Page, urls: string[], firings: Firing[]): Promise<number> {
  for (const url of urls) {
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.status(), `GET ${url}`).toBe(200);
    for (const problem of await liveMarkupProblems(page)) firings.push({ url, how: 'live markup', detail: problem });
  }
  return urls.length;
}

/** The codes a firing names, read back as "field · #vector (family)". */
function explain(f: Firing): string {
  const code = /(\d{4,5})/.exec(f.detail)?.[1];
  return `${f.url} — ${f.how}: ${f.detail.slice(0, 200)}${code ? `\n    ${describeCode(Number(code))}` : ''}`;
}

describe.skipIf(!hasChromium)('cross-site scripting corpus in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let planted: PlantedCorpus;

  beforeAll(async () => {
    site = await startSite();
    planted = await plantCorpus(site.app, site.container);
    browser = await launchBrowser();
    await mkdir(resultsDir, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  function readerPages(): string[] {
    const { repliesArticle, moderatedArticle, replyPages } = planted;
    return [
      '/',
      // Each vector alone as an article: its JSON-LD, Open Graph tags, featured picture, tags and body.
      ...every(planted.articles, 6).map((a) => `/articles/${encodeURIComponent(a.slug)}`),
      ...Array.from({ length: replyPages.replies }, (_, i) => `/articles/${repliesArticle.slug}?cpage=${i + 1}`),
      ...Array.from({ length: replyPages.moderated }, (_, i) => `/articles/${moderatedArticle.slug}?cpage=${i + 1}`),
      // Every article's headline, dek, section, byline and address, fifty to a page.
      ...planted.batchTagSlugs.map((t) => `/tag/${t}`),
      ...every(planted.sectionSlugs, 40).map((s) => `/section/${encodeURIComponent(s)}`),
      ...every(planted.tagSlugs, 40).map((t) => `/tag/${encodeURIComponent(t)}`),
    ];
  }

  /** Feeds and JSON as a reader opening them in the browser gets them (rendered as XML or text, or downloaded). */
  const documentsOpenedDirectly = () => [
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    `/articles/${planted.repliesArticle.slug}/replies/feed.xml`,
    `/articles/${planted.moderatedArticle.slug}/replies/feed.xml`,
    `/api/articles/${planted.repliesArticle.slug}/replies?limit=500`,
    `/api/articles/${planted.moderatedArticle.slug}/replies?limit=500`,
  ];

  function newsroomPages(): string[] {
    const approved = planted.repliesArticle.replyIds.length + planted.moderatedArticle.replyIds.length;
    return [
      '/admin',
      '/admin/articles',
      `/admin/articles/${planted.repliesArticle.id}/edit`,
      ...every(planted.articles, 12).map((a) => `/admin/articles/${a.id}/edit`),
      ...Array.from({ length: Math.ceil(approved / 50) }, (_, i) => `/admin/replies?status=approved&page=${i + 1}`),
      '/admin/replies?status=spam',
      ...every(planted.repliesArticle.replyIds, 30).map((id) => `/admin/replies/${id}`),
      ...every(planted.moderatedArticle.replyIds, 60).map((id) => `/admin/replies/${id}`),
      ...every(planted.deskSearches, 20).map((q) => `/admin/replies?${new URLSearchParams({ status: 'approved', q })}`),
      '/admin/audit',
      '/admin/users',
      '/admin/settings/discussion',
    ];
  }

  it('catches a vector that does run (the trap itself works)', async () => {
    const firings: Firing[] = [];
    const context = await trappedContext(browser, site, firings, { bypassCSP: true });
    // A page that is not the site's, served at the site's origin, with four ways to fire.
    await context.route('**/__trap-control', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!DOCTYPE html><title>control</title><script>__xss(90001)</script><img src=/missing onerror=alert(90002)><script>fetch("/__xss/90003")</script><a id=go href="javascript:confirm(90004)">go</a>',
      }),
    );
    const page = await context.newPage();
    await page.goto('/__trap-control');
    const markup = await liveMarkupProblems(page);
    await page.click('#go');
    await expect.poll(() => firings.length).toBeGreaterThanOrEqual(4);
    await context.close();
    const text = firings.map((f) => `${f.how} ${f.detail}`).join('\n');
    for (const code of ['90001', '90002', '90003', '90004']) expect(text).toContain(code);
    expect(markup.join('\n')).toMatch(/onerror on <img>[\s\S]*href=javascript:/);
  });

  for (const bypassCSP of [false, true]) {
    const mode = bypassCSP ? 'with the CSP bypassed (the markup alone must be inert)' : 'with the CSP as served';
    it(`runs no vector anywhere it appears, ${mode}`, async () => {
      const firings: Firing[] = [];
      const started = performance.now();
      const counts: Record<string, number> = {};

      const reader = await trappedContext(browser, site, firings, { bypassCSP });
      const readerPage = await reader.newPage();
      counts.public = await visitAll(readerPage, readerPages(), firings);
      for (const url of documentsOpenedDirectly()) {
        // Chromium shows XML and JSON as text or a tree, or downloads a feed type it does not display.
        const download = readerPage.waitForEvent('download', { timeout: 2_000 }).catch(() => undefined);
        const response = await readerPage
          .goto(url)
          .catch((error: Error) => (/Download is starting/.test(error.message) ? null : Promise.reject(error)));
        if (response) {
          expect(response.status(), `GET ${url}`).toBe(200);
          for (const problem of await liveMarkupProblems(readerPage)) firings.push({ url, how: 'live markup', detail: problem });
        } else await (await download)?.cancel();
      }

      // The inline post: the page's script puts the server's HTML for the new reply into the page.
      for (const [i, vector] of every(xssVectors, 58).entries()) {
        const article = planted.articles[vector.index]!;
        await readerPage.goto(`/articles/${encodeURIComponent(article.slug)}`);
        await readerPage.getByRole('textbox', { name: 'Comment', exact: true }).fill(instantiate(vector, codeOf('reply-text', vector)));
        await readerPage.getByRole('textbox', { name: 'Name', exact: true }).fill(instantiate(vector, codeOf('reply-name', vector)));
        await readerPage.getByRole('textbox', { name: 'Email', exact: true }).fill(`inline.${bypassCSP ? 'b' : 'a'}.${i}@example.org`);
        const [posted] = await Promise.all([
          readerPage.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/articles/')),
          readerPage.getByRole('button', { name: 'Post Comment' }).click(),
        ]);
        expect(posted.status(), `inline post of vector ${vector.index}`).toBe(201);
        await readerPage
          .getByRole('status')
          .filter({ hasText: /awaiting moderation|published/ })
          .waitFor();
        for (const problem of await liveMarkupProblems(readerPage))
          firings.push({ url: `${readerPage.url()} (inline post)`, how: 'live markup', detail: problem });
      }
      await reader.close();

      const staff = await trappedContext(browser, site, firings, { bypassCSP, session: planted.adminSession.token });
      const staffPage = await staff.newPage();
      counts.newsroom = await visitAll(staffPage, newsroomPages(), firings);
      // The editor's live preview: the whole corpus as Markdown, put into the page by admin.js.
      await staffPage.goto(`/admin/articles/${planted.repliesArticle.id}/edit`);
      const [preview] = await Promise.all([
        staffPage.waitForResponse((r) => r.url().endsWith('/admin/articles/preview')),
        staffPage
          .getByRole('textbox', { name: 'Article' })
          .press('End')
          .then(() => staffPage.keyboard.type(' ')),
      ]);
      expect(preview.status()).toBe(200);
      await staffPage.locator('#preview[aria-busy="false"]').waitFor();
      for (const problem of await liveMarkupProblems(staffPage))
        firings.push({ url: 'editor live preview', how: 'live markup', detail: problem });
      await staffPage.screenshot({ path: join(resultsDir, `editor-preview-${bypassCSP ? 'bypassed' : 'csp'}.png`) });
      await staff.close();

      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const report = { mode, seconds, pages: counts, vectors: xssVectors.length, firings: firings.map(explain) };
      await writeFile(join(resultsDir, `result-${bypassCSP ? 'bypassed' : 'csp'}.json`), JSON.stringify(report, null, 2));
      console.log(
        `XSS corpus ${mode}: ${counts.public} public and ${counts.newsroom} newsroom pages in ${seconds} s, ${firings.length} firings`,
      );
      expect(firings.map(explain).join('\n')).toBe('');
    }, 300_000);
  }
});
