import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { demoSlug, startSite, type RunningSite } from './support/site.js';
import { screenshotDir } from './support/screenshots.js';

const screenshots = screenshotDir();

/*
 * "A layout that holds from a 320-pixel phone to a wide desktop" (PRODUCT.md). The article page
 * with a real discussion on it (a reply with a website, an answer nested under it and one under
 * that, a long unbroken link, and the reader's own held reply) is photographed for people to
 * look at, and checked for sideways scrolling at 320 px.
 */
describe.skipIf(!hasChromium)('the article page layout', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let article: ArticlePage;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    const { id: articleId } = await site.container.articles.getPublished(demoSlug);
    // Minutes pass between replies, as in a real discussion (and past the flood interval).
    const later = () => site.clock.advance(7 * 60_000);
    later();
    const first = await approvedReply(
      site.container,
      replyFields({
        articleId,
        author: 'Grace Kim',
        email: 'grace.kim@example.org',
        url: 'https://grace.example.org',
        comment: 'Putting both ministers in one room is the point: diplomacy and deterrence are the same conversation now.',
      }),
    );
    later();
    const answer = await approvedReply(
      site.container,
      replyFields({
        articleId,
        parentId: first.id,
        author: 'Ivan Petrov',
        email: 'ivan.petrov@example.org',
        comment: 'Agreed, though the joint statement will tell us more than the photo opportunity.',
      }),
    );
    later();
    await approvedReply(
      site.container,
      replyFields({
        articleId,
        parentId: answer.id,
        author: 'Grace Kim',
        email: 'grace.kim@example.org',
        comment: 'Fair. Let us compare notes on Friday.',
      }),
    );
    later();
    await approvedReply(
      site.container,
      replyFields({
        articleId,
        author: 'Bartholomew Featherstonehaugh-Montgomery',
        email: 'bart@example.org',
        comment:
          'The full readout is here: https://www.example.org/world/asia/2024/10/31/south-korea-united-states-two-plus-two-ministerial-readout-full-text-and-annex',
      }),
    );

    // The reader's own reply, held for moderation: only this browser sees it.
    context = await newReader(browser, site.baseUrl);
    article = await new ArticlePage(await context.newPage(), demoSlug).goto();
    later();
    const held = await article.postInline({
      comment: 'First time here. Does anyone know whether Japan will join a later round?',
      author: 'Leah Cohen',
      email: 'leah.cohen@example.org',
    });
    await article.goto();
    await article.moderationNotice(held).waitFor();
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  it('photographs the article page with replies at desktop width (1280 px)', async () => {
    await article.page.setViewportSize({ width: 1280, height: 900 });
    await article.goto();
    await article.page.screenshot({ path: join(screenshots, 'article-desktop.png'), fullPage: true });
    expect(await article.replies.count()).toBe(5);
  });

  it('photographs the article page with replies at 320 px', async () => {
    await article.page.setViewportSize({ width: 320, height: 640 });
    await article.goto();
    await article.page.screenshot({ path: join(screenshots, 'article-320.png'), fullPage: true });
    expect(await article.replies.count()).toBe(5);
  });

  it.each([
    { name: 'the article page with replies', path: `/articles/${demoSlug}` },
    { name: 'the front page', path: '/' },
    { name: 'the 404 page', path: '/no/such/page' },
  ])('does not scroll sideways at 320 px on $name', async ({ path }) => {
    await article.page.setViewportSize({ width: 320, height: 640 });
    await article.page.goto(path);
    const widths = await article.page.evaluate(() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    expect(widths.document).toBeLessThanOrEqual(320);
    expect(widths.body).toBeLessThanOrEqual(320);
  });
});
