import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/*
 * Answering a reply: "Reply" on an approved reply threads the answer under it. With JavaScript
 * the form moves beneath that reply; without, the link's `?replytocom=ID` gives the same form,
 * addressed to that reply, at the foot of the page.
 */
describe.skipIf(!hasChromium)('answering a reply', () => {
  const ctx = useSiteAndBrowser();
  let parentId: number;
  const contexts: BrowserContext[] = [];

  async function reader(options: { javaScriptEnabled: boolean }): Promise<ArticlePage> {
    const context = await newReader(ctx.browser, ctx.site.baseUrl, options);
    contexts.push(context);
    return new ArticlePage(await context.newPage(), demoSlug);
  }

  /** The reply's nearest enclosing reply (`li.reply`), or null at the top level. */
  async function parentOf(article: ArticlePage, id: number): Promise<string | null> {
    return article.reply(id).evaluate((li) => li.parentElement?.closest('li.reply')?.id ?? null);
  }

  beforeAll(async () => {
    const article = await ctx.site.container.articles.getPublished(demoSlug);
    const parent = await approvedReply(
      ctx.site.container,
      replyFields({
        articleId: article.id,
        author: 'Hana Choi',
        email: 'hana.choi@example.org',
        comment: 'Will Tokyo be briefed afterwards?',
      }),
    );
    parentId = parent.id;
  });
  beforeEach(() => ctx.site.passFloodInterval());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  describe('with JavaScript on', () => {
    it('moves the form under the reply, addressed to its author, with a "Cancel reply" link', async () => {
      const article = await (await reader({ javaScriptEnabled: true })).goto();
      await article.replyLink('Hana Choi').click();

      await article.respond.getByRole('heading', { name: /^Leave a Reply to Hana Choi\b/ }).waitFor();
      expect(squash(await article.formHeading.innerText())).toBe('Leave a Reply to Hana Choi');
      expect(await article.cancelReply.isVisible()).toBe(true);
      expect(await article.respond.evaluate((el) => el.closest('li.reply')?.id)).toBe(`reply-${parentId}`);
      expect(await article.comment.evaluate((el) => el === document.activeElement)).toBe(true);
      // No page load: the link's own address was not followed.
      expect(new URL(article.page.url()).search).toBe('');
    });

    it('puts the form back at the foot of the page on "Cancel reply"', async () => {
      const article = await (await reader({ javaScriptEnabled: true })).goto();
      await article.replyLink('Hana Choi').click();
      await article.cancelReply.waitFor();

      await article.cancelReply.click();

      await article.cancelReply.waitFor({ state: 'hidden' });
      expect(squash(await article.formHeading.innerText())).toBe('Leave a Reply');
      expect(await article.respond.evaluate((el) => el.closest('li.reply'))).toBeNull();
      expect(await article.form.locator('input[name="comment_parent"]').inputValue()).toBe('0');
    });

    it("posts the answer inline and nests it in the parent's list of answers", async () => {
      const article = await (await reader({ javaScriptEnabled: true })).goto();
      await article.replyLink('Hana Choi').click();
      await article.cancelReply.waitFor();

      const id = await article.postInline({
        comment: 'Probably, through the trilateral channel.',
        author: 'Ken Ito',
        email: 'ken.ito@example.org',
      });

      expect(await article.answersTo(parentId).locator(`:scope > li#reply-${id}`).count()).toBe(1);
      expect(await article.moderationNotice(id).isVisible()).toBe(true);
      // The form has gone home, ready for a reply to the article.
      expect(squash(await article.formHeading.innerText())).toBe('Leave a Reply');

      // The server renders the same thread on the next visit.
      await article.goto();
      expect(await parentOf(article, id)).toBe(`reply-${parentId}`);
      expect(await article.answersTo(parentId).locator(`:scope > li#reply-${id}`).count()).toBe(1);
      expect(await article.moderationNotice(id).isVisible()).toBe(true);
    });
  });

  describe('with JavaScript off', () => {
    it("follows the replytocom link to a form addressed to the reply's author", async () => {
      const article = await (await reader({ javaScriptEnabled: false })).goto();
      await Promise.all([article.page.waitForURL(/\?replytocom=\d+#respond$/), article.replyLink('Hana Choi').click()]);

      await article.respond.getByRole('heading', { name: /^Leave a Reply to Hana Choi\b/ }).waitFor();
      expect(new URL(article.page.url()).searchParams.get('replytocom')).toBe(String(parentId));
      expect(squash(await article.formHeading.innerText())).toBe('Leave a Reply to Hana Choi');
      expect(await article.cancelReply.isVisible()).toBe(true);
      expect(await article.form.locator('input[name="comment_parent"]').inputValue()).toBe(String(parentId));
    });

    it('posts the answer and lands on it, nested under the parent', async () => {
      const article = await (await reader({ javaScriptEnabled: false })).goto({ replyTo: parentId });

      const id = await article.postPlain({
        comment: 'Tokyo has asked for a readout.',
        author: 'Aiko Sato',
        email: 'aiko.sato@example.org',
      });

      expect(await parentOf(article, id)).toBe(`reply-${parentId}`);
      expect(await article.answersTo(parentId).locator(`:scope > li#reply-${id}`).count()).toBe(1);
      expect(await article.moderationNotice(id).isVisible()).toBe(true);
    });
  });
});
