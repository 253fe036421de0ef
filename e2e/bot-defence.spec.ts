import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { ArticlePage, type ReplyFields } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * Issue 10, "bots stopped before the rules", in a browser: a bot-like post (the hidden honeypot
 * filled, posted the moment the page arrived) is stored as spam and shown to nobody, while a
 * person's post (the site's clock moved past the least time a person takes) goes through, with
 * JavaScript on (the inline script posts the token) and off (the plain form). Both posters are the
 * same returning author, whom the rules alone would approve, so only the bot signals tell them apart.
 */
describe.skipIf(!hasChromium)('bots stopped before the rules, in a browser', () => {
  const ctx = useSiteAndBrowser();
  const contexts: BrowserContext[] = [];
  const returning: ReplyFields = { author: 'Lena Returning', email: 'lena.returning@example.org' };

  async function reader(javaScriptEnabled: boolean): Promise<ArticlePage> {
    const context = await newReader(ctx.browser, ctx.site.baseUrl, { javaScriptEnabled });
    contexts.push(context);
    return new ArticlePage(await context.newPage(), demoSlug);
  }

  function post(article: ArticlePage, javaScriptEnabled: boolean, fields: ReplyFields): Promise<number> {
    return javaScriptEnabled ? article.postInline(fields) : article.postPlain(fields);
  }

  async function verdict(id: number) {
    return ctx.site.container.storage.db
      .selectFrom('replies')
      .select(['status', 'decision_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    const article = await ctx.site.container.articles.getPublished(demoSlug);
    await approvedReply(ctx.site.container, replyFields({ articleId: article.id, ...returning }));
  });
  beforeEach(() => ctx.site.passFloodInterval());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'on' : 'off';

    it(`stores a bot's post as spam and shows it to nobody, while a person's goes through (JavaScript ${js})`, async () => {
      const bot = await (await reader(javaScriptEnabled)).goto();
      await bot.fillHoneypot('https://cheap-watches.example');
      const botId = await post(bot, javaScriptEnabled, { comment: `Great article, visit my site (${js}).`, ...returning });
      // The bot is told what a held reply's author is told; nothing says it was caught.
      if (javaScriptEnabled) expect(await bot.moderationNotice(botId).isVisible()).toBe(true);
      expect(await verdict(botId)).toEqual({ status: 'spam', decision_reason: 'the hidden honeypot field was filled' });

      const person = await (await reader(javaScriptEnabled)).goto();
      ctx.site.passFloodInterval();
      ctx.site.passMinimumFillTime();
      const personId = await post(person, javaScriptEnabled, { comment: `A careful answer, typed by hand (${js}).`, ...returning });
      expect(await verdict(personId)).toEqual({ status: 'approved', decision_reason: 'the author has an approved reply' });

      const stranger = await (await reader(javaScriptEnabled)).goto();
      expect(await stranger.replyCard(personId).getByText(`A careful answer, typed by hand (${js}).`).isVisible()).toBe(true);
      expect(await stranger.reply(botId).count()).toBe(0);
    });

    it(`holds a post sent the moment the form arrived, honeypot empty (JavaScript ${js})`, async () => {
      const hasty = await (await reader(javaScriptEnabled)).goto();
      const id = await post(hasty, javaScriptEnabled, { comment: `Posted without reading (${js}).`, ...returning });
      expect(await verdict(id)).toEqual({
        status: 'held',
        decision_reason: 'posted 0 s after the form was served: faster than a person types',
      });
    });
  }

  it('posts a second reply from the same page with its fresh token (JavaScript on)', async () => {
    const article = await (await reader(true)).goto();
    const first = await article.formToken();
    ctx.site.passMinimumFillTime();
    const one = await article.postInline({ comment: 'First of two inline replies.', ...returning });
    expect((await verdict(one)).status).toBe('approved');
    expect(await article.formToken()).not.toBe(first);
    ctx.site.passFloodInterval();
    const two = await article.postInline({ comment: 'Second of two inline replies.', ...returning });
    expect(await verdict(two)).toEqual({ status: 'approved', decision_reason: 'the author has an approved reply' });
  });

  it('keeps the honeypot out of sight, out of the keyboard order and out of the accessibility tree', async () => {
    const article = await (await reader(true)).goto();
    const { page } = article;
    expect(await article.honeypot.count()).toBe(1);
    const box = await article.honeypot.boundingBox();
    expect(box === null || box.x + box.width <= 0 || box.y + box.height <= 0).toBe(true);

    await article.website.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('remember');

    expect(await page.getByRole('textbox', { name: 'Leave this field empty' }).count()).toBe(0);
    expect(await article.form.ariaSnapshot()).not.toContain('Leave this field empty');
  });
});
