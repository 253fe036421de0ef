import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * "Save my name, email, and website in this browser for the next time I comment." Only with the
 * reader's consent does the browser keep them; without it, the next visit starts empty.
 */
describe.skipIf(!hasChromium).each([
  { mode: 'with JavaScript on', javaScriptEnabled: true },
  { mode: 'with JavaScript off', javaScriptEnabled: false },
])('the consent checkbox, $mode', ({ javaScriptEnabled }) => {
  const ctx = useSiteAndBrowser();
  let context: BrowserContext;
  let article: ArticlePage;
  let emails = 0;

  const who = () => ({ author: 'Sofia Marin', email: `sofia.marin+${(emails += 1)}@example.org`, url: 'https://sofia.example.org/' });

  async function post(fields: Parameters<ArticlePage['fill']>[0]): Promise<void> {
    if (javaScriptEnabled) await article.postInline(fields);
    else await article.postPlain(fields);
  }

  /** Opens the article again in a new tab of the same browser: the "next visit". */
  async function nextVisit(): Promise<ArticlePage> {
    await article.page.close();
    return new ArticlePage(await context.newPage(), demoSlug).goto();
  }

  beforeEach(async () => {
    ctx.site.passFloodInterval();
    context = await newReader(ctx.browser, ctx.site.baseUrl, { javaScriptEnabled });
    article = await new ArticlePage(await context.newPage(), demoSlug).goto();
  });
  afterEach(async () => {
    await context.close();
  });

  it('fills in name, email and website on the next visit when it was ticked', async () => {
    const me = who();
    await post({ comment: 'Remember me, please.', ...me, remember: true });

    const next = await nextVisit();
    expect(await next.author.inputValue()).toBe(me.author);
    expect(await next.email.inputValue()).toBe(me.email);
    expect(await next.website.inputValue()).toBe(me.url);
    expect(await next.remember.isChecked()).toBe(true);
    expect(await next.comment.inputValue()).toBe('');
  });

  it('leaves the form empty on the next visit when it was not ticked', async () => {
    await post({ comment: 'Do not remember me.', ...who(), remember: false });

    const next = await nextVisit();
    expect(await next.author.inputValue()).toBe('');
    expect(await next.email.inputValue()).toBe('');
    expect(await next.website.inputValue()).toBe('');
    expect(await next.remember.isChecked()).toBe(false);
  });

  it('forgets a remembered reader who posts again with the box unticked', async () => {
    await post({ comment: 'First, remember me.', ...who(), remember: true });
    ctx.site.passFloodInterval();
    article = await nextVisit();
    await post({ comment: 'Now forget me again.', remember: false });

    const next = await nextVisit();
    expect(await next.author.inputValue()).toBe('');
    expect(await next.email.inputValue()).toBe('');
    expect(await next.remember.isChecked()).toBe(false);
  });
});
