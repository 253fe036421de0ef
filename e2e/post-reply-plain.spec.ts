import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * Posting with JavaScript off: the form is a plain HTML POST, answered with a redirect (303, post/
 * redirect/get) back to the article at the new reply's `#reply-N` anchor (PRODUCT.md).
 */
describe.skipIf(!hasChromium)('posting a reply with JavaScript off', () => {
  const ctx = useSiteAndBrowser();
  const contexts: BrowserContext[] = [];

  async function reader(options: { javaScriptEnabled: boolean }): Promise<ArticlePage> {
    const context = await newReader(ctx.browser, ctx.site.baseUrl, options);
    contexts.push(context);
    return new ArticlePage(await context.newPage(), demoSlug);
  }

  beforeEach(() => ctx.site.passFloodInterval());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('posts the form and lands on the new reply, marked as awaiting moderation', async () => {
    const article = await (await reader({ javaScriptEnabled: false })).goto();
    const { page } = article;
    const postAnswer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${article.path}/replies`,
    );

    const id = await article.postPlain({
      comment: 'Plain HTML forms still work, good.',
      author: 'Tomas Novak',
      email: 'tomas.novak@example.org',
    });

    const answer = await postAnswer;
    expect(answer.status()).toBe(303);
    expect(answer.headers().location).toBe(`${article.path}#reply-${id}`);
    expect(new URL(page.url()).pathname).toBe(article.path);
    expect(new URL(page.url()).hash).toBe(`#reply-${id}`);
    expect(await article.moderationNotice(id).isVisible()).toBe(true);
    expect(await article.replyCard(id).getByText('Plain HTML forms still work, good.').isVisible()).toBe(true);
    // The anchor brought the reply into view.
    expect(await article.reply(id).evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  });

  // Issue 11, item 9: a refused reply came back at the top of the article, the form 3,000 px below.
  it('brings a refused reply back scrolled to the form, its message and the text typed', async () => {
    const article = await (await reader({ javaScriptEnabled: false })).goto();
    const { page } = article;
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Below the fold on arrival: landing at the top would hide the message.
    expect(await article.respond.evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);

    await article.submitRefused({ comment: 'A thought I do not want to type twice.' });

    expect(new URL(page.url()).pathname).toBe(`${article.path}/replies`);
    expect(new URL(page.url()).hash).toBe('#respond');
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const inView = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    };
    expect(await article.formAlert.evaluate(inView)).toBe(true);
    expect(await article.fieldError('author').isVisible()).toBe(true);
    expect(await article.comment.inputValue()).toBe('A thought I do not want to type twice.');
  });

  it('shows the held reply to nobody else until it is approved', async () => {
    const author = await (await reader({ javaScriptEnabled: false })).goto();
    const id = await author.postPlain({
      comment: 'Waiting for a moderator is fine by me.',
      author: 'Ruth Adler',
      email: 'ruth.adler@example.org',
    });
    const stranger = await (await reader({ javaScriptEnabled: false })).goto();
    expect(await stranger.reply(id).count()).toBe(0);

    await ctx.site.container.replies.changeReplyStatus([id], 'approved', { kind: 'system', id: null, name: 'test setup' });

    await stranger.goto();
    expect(await stranger.replyCard(id).getByText('Waiting for a moderator is fine by me.').isVisible()).toBe(true);
    expect(await stranger.moderationNotice(id).count()).toBe(0);
  });
});
