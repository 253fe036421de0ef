import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { ArticlePage } from './pages/article-page.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * "WCAG AA contrast (nothing an automated accessibility checker would flag as serious)"
 * (PRODUCT.md): axe-core on each kind of page, in the light and the dark theme. Every violation
 * is printed; serious and critical ones fail the test.
 */
describe.skipIf(!hasChromium).each([{ colorScheme: 'light' as const }, { colorScheme: 'dark' as const }])(
  'accessibility in the $colorScheme theme',
  ({ colorScheme }) => {
    const ctx = useSiteAndBrowser();
    let context: BrowserContext;
    let page: Page;
    let parentId: number;

    async function expectNothingSerious(label: string): Promise<void> {
      const violations = await runAxe(page, `${label} (${colorScheme})`);
      expect(seriousOnes(violations).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    }

    beforeAll(async () => {
      // An article with a thread on it: a reply and an answer to it.
      const article = await ctx.site.container.articles.getPublished(demoSlug);
      const parent = await approvedReply(
        ctx.site.container,
        replyFields({ articleId: article.id, author: 'Grace Kim', email: 'grace.kim@example.org', url: 'https://grace.example.org' }),
      );
      parentId = parent.id;
      await approvedReply(
        ctx.site.container,
        replyFields({ articleId: article.id, parentId, author: 'Ivan Petrov', email: 'ivan@example.org' }),
      );
    });
    beforeEach(async () => {
      ctx.site.passFloodInterval();
      // axe is injected as a script; the site's strict CSP would refuse it.
      context = await newReader(ctx.browser, ctx.site.baseUrl, { bypassCSP: true, colorScheme });
      page = await context.newPage();
    });
    afterEach(async () => {
      await context.close();
    });

    it('finds nothing serious on the front page', async () => {
      await page.goto('/');
      await expectNothingSerious('the front page');
    });

    it('finds nothing serious on the article page with replies', async () => {
      await new ArticlePage(page, demoSlug).goto();
      await expectNothingSerious('the article page');
    });

    it("finds nothing serious on the article page showing the reader's own held reply", async () => {
      const article = await new ArticlePage(page, demoSlug).goto();
      const id = await article.postInline({
        comment: 'Held for a moderator.',
        author: 'Noor Aziz',
        email: `noor.${colorScheme}@example.org`,
      });
      await article.goto();
      await article.moderationNotice(id).waitFor();
      await expectNothingSerious('the article page with a held reply');
    });

    it('finds nothing serious on the article page while answering a reply', async () => {
      const article = await new ArticlePage(page, demoSlug).goto();
      await article.replyLink('Grace Kim').click();
      await article.cancelReply.waitFor();
      await expectNothingSerious('the article page, answering a reply');
    });

    it('finds nothing serious on the 404 page', async () => {
      const response = await page.goto('/no/such/page');
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await expectNothingSerious('the 404 page');
    });

    it('finds nothing serious after a refused post shown in place by the script', async () => {
      const article = await new ArticlePage(page, demoSlug).goto();
      await article.submitRefused({ url: 'not a website' });
      await expectNothingSerious('the article page after a refused inline post');
    });

    it('finds nothing serious on the page the server sends back for a refused post', async () => {
      // Without the enhancement script the form posts plainly; axe still needs JavaScript itself.
      await page.route('**/assets/reply-form.js*', (route) => route.abort());
      const article = await new ArticlePage(page, demoSlug).goto();
      const answer = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${article.path}/replies`,
      );
      await article.submitRefused({ url: 'not a website' });
      expect((await answer).status()).toBe(422);
      await expectNothingSerious('the article page after a refused plain post');
    });
  },
);
