import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoArticle } from '../src/modules/articles/demo-article.js';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/** Collapses white space, as a reader sees text. */
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!hasChromium)('a reader reads the demo article', () => {
  const ctx = useSiteAndBrowser();
  let context: BrowserContext;
  let page: Page;
  let article: ArticlePage;

  beforeEach(async () => {
    context = await newReader(ctx.browser, ctx.site.baseUrl);
    page = await context.newPage();
    article = new ArticlePage(page, demoSlug);
  });
  afterEach(async () => {
    await context.close();
  });

  it('reaches the article from the front page by its headline', async () => {
    await page.goto('/');
    await Promise.all([page.waitForURL(`**${article.path}`), page.getByRole('link', { name: demoArticle.headline, exact: true }).click()]);
    await article.headline.waitFor();
    expect(await article.headline.textContent()).toBe(demoArticle.headline);
  });

  it('shows the headline, byline, date, pull-quote and tags', async () => {
    await article.goto();
    expect(await article.headline.isVisible()).toBe(true);
    expect(await page.title()).toContain(demoArticle.headline);

    expect(await article.meta.isVisible()).toBe(true);
    expect(squash(await article.meta.textContent())).toMatch(/^By Gazette World Desk · .+2024/);
    expect(await article.publishedTime.isVisible()).toBe(true);
    expect(await article.publishedTime.getAttribute('datetime')).toMatch(/^2024-10-28T/);

    expect(await article.pullQuote.isVisible()).toBe(true);
    const quote = squash(await article.pullQuote.textContent());
    expect(quote).toContain('opportunity to make their alliance stronger');
    expect(quote).toContain('South Korea’s Ministry of Foreign Affairs');

    const tags = article.tagLinks;
    // All the article's tags, in the order the article gives them (tags keep the order typed).
    expect(await tags.allTextContents()).toEqual(demoArticle.tags);
    for (const tag of await tags.all()) expect(await tag.isVisible()).toBe(true);
  });

  it('ends with the "Leave a Reply" form: note, labelled fields in order, consent box and button', async () => {
    await article.goto();
    expect(await article.formHeading.isVisible()).toBe(true);
    expect(squash(await article.formHeading.innerText())).toBe('Leave a Reply');
    // The "Cancel reply" link only appears while answering someone.
    expect(await article.cancelReply.isVisible()).toBe(false);

    expect(await article.note.isVisible()).toBe(true);
    expect(squash(await article.note.innerText())).toBe('Your email address will not be published. Required fields are marked *');

    // Every field is found by its label, and is visible.
    for (const field of [article.comment, article.author, article.email, article.website, article.remember, article.postButton]) {
      expect(await field.isVisible()).toBe(true);
    }
    // The labels as a reader sees them, stars included, in the form's order.
    // (The bots' honeypot, hidden from people and screen readers, is not one of them.)
    const labels = (
      await article.form
        .locator('label')
        .evaluateAll((els) => els.filter((el) => !el.closest('[aria-hidden="true"]')).map((el) => el.textContent ?? ''))
    ).map(squash);
    expect(labels).toEqual([
      'Comment *',
      'Name *',
      'Email *',
      'Website',
      'Save my name, email, and website in this browser for the next time I comment.',
      'Notify me of follow-up replies by email',
    ]);
    // The controls themselves come in the same order, with WordPress's field names.
    const names = await article.form
      .locator('textarea, input:not([type="hidden"]), button')
      .evaluateAll((els) =>
        els.filter((el) => !el.closest('[aria-hidden="true"]')).map((el) => el.getAttribute('name') ?? el.textContent?.trim()),
      );
    expect(names).toEqual(['comment', 'author', 'email', 'url', 'remember', 'notify', 'Post Comment']);

    expect(await article.comment.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    for (const required of [article.comment, article.author, article.email]) {
      expect(await required.getAttribute('required')).not.toBeNull();
    }
    expect(await article.website.getAttribute('required')).toBeNull();
    expect(await article.remember.isChecked()).toBe(false);
    expect(await article.form.getAttribute('method')).toBe('post');
  });
});
