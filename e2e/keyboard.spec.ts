import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/** What has the focus now: its tag, accessible label and outline (the visible focus ring). */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id,
      text: el?.textContent?.trim(),
      name: el?.getAttribute('name'),
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
    };
  });
}

/* "Visible focus, full keyboard use" (PRODUCT.md). */
describe.skipIf(!hasChromium)('keyboard use', () => {
  const ctx = useSiteAndBrowser();
  let context: BrowserContext;
  let article: ArticlePage;

  beforeAll(async () => {
    const { id: articleId } = await ctx.site.container.articles.getPublished(demoSlug);
    await approvedReply(ctx.site.container, replyFields({ articleId, author: 'Dae-jung Yoon', email: 'yoon@example.org' }));
  });
  beforeEach(async () => {
    ctx.site.passFloodInterval();
    context = await newReader(ctx.browser, ctx.site.baseUrl);
    article = await new ArticlePage(await context.newPage(), demoSlug).goto();
  });
  afterEach(async () => {
    await context.close();
  });

  it('offers "Skip to content" as the first stop, shown with a focus ring, leading to the story', async () => {
    await article.page.keyboard.press('Tab');
    const skip = await focused(article.page);
    expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content' });
    expect(skip.outline).toMatch(/^solid [1-9]/);
    expect(await article.page.getByRole('link', { name: 'Skip to content' }).isVisible()).toBe(true);

    await article.page.keyboard.press('Enter');
    await article.page.waitForURL(/#main$/);
    // The next Tab continues inside the content, not back in the masthead.
    await article.page.keyboard.press('Tab');
    expect(await article.page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
  });

  it('answers a reply and posts it with the keyboard alone', async () => {
    const { page } = article;
    await article.replyLink('Dae-jung Yoon').focus();
    await page.keyboard.press('Enter');
    await article.cancelReply.waitFor();
    expect(await focused(page)).toMatchObject({ name: 'comment' });

    await page.keyboard.type('Typed without a mouse.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'author' });
    await page.keyboard.type('Keyboard Reader');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keyboard.reader@example.org');
    await page.keyboard.press('Tab'); // Website, left empty
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'remember' });
    await page.keyboard.press('Tab'); // "Notify me of follow-up replies", left unticked
    expect(await focused(page)).toMatchObject({ name: 'notify' });
    await page.keyboard.press('Tab');
    const button = await focused(page);
    expect(button).toMatchObject({ tag: 'button', text: 'Post Comment' });
    expect(button.outline).toMatch(/^solid [1-9]/);

    const [response] = await Promise.all([article.waitForApiPost(), page.keyboard.press('Enter')]);
    expect(response.status()).toBe(201);
    const { reply } = (await response.json()) as { reply: { id: number } };
    await article.reply(reply.id).waitFor();
    // Focus lands on the new reply, so a screen reader announces it and Tab goes on from there.
    expect(await page.evaluate((id) => document.getElementById(id)?.contains(document.activeElement), `reply-${reply.id}`)).toBe(true);
  });
});
