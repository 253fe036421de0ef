import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sender } from '../test/support/factories.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * The newsroom is a tool people use all day: axe-core on every kind of admin page, in the light
 * and the dark theme, must find nothing serious or critical.
 */
describe.skipIf(!hasChromium).each(['light', 'dark'] as const)('the newsroom is accessible (%s theme)', (colorScheme) => {
  const ctx = useSiteAndBrowser();
  let page: Page;
  let replyId: number;
  let articleId: number;

  beforeAll(async () => {
    const demo = await ctx.site.container.articles.getPublished(demoSlug);
    articleId = demo.id;
    replyId = (
      await ctx.site.container.replies.post(
        { articleId: demo.id, comment: 'A held reply to look at.', author: 'Lena Ott', email: 'lena@example.org' },
        sender(),
      )
    ).id;
    const admin = await addStaff(ctx.site, 'administrator', 'Ada Admin');
    // Someone else on the people page, so its access buttons (disable, end sessions, remove) are checked too.
    const disabled = await addStaff(ctx.site, 'editor', 'Eve Editor');
    await ctx.site.container.accounts.setDisabled(disabled.id, true, { id: null, name: 'test' });
    await addStaff(ctx.site, 'author', 'Aki Author');
    // axe is injected as a script; the strict CSP would refuse it.
    page = await staffBrowser(ctx.browser, ctx.site, admin, { bypassCSP: true, colorScheme });
  });

  async function expectNothingSerious(path: string) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(seriousOnes(await runAxe(page, `${path} (${colorScheme})`))).toEqual([]);
  }

  it('finds nothing serious on the sign-in page', async () => {
    const anonymous = await (await newReader(ctx.browser, ctx.site.baseUrl, { bypassCSP: true, colorScheme })).newPage();
    await anonymous.goto('/admin/sign-in');
    expect(seriousOnes(await runAxe(anonymous, `sign-in (${colorScheme})`))).toEqual([]);
    await anonymous.context().close();
  });

  for (const path of [
    '/admin',
    '/admin/articles',
    '/admin/articles/new',
    '/admin/replies',
    '/admin/audit',
    '/admin/settings/discussion',
    '/admin/users',
    '/admin/account',
  ]) {
    it(`finds nothing serious on ${path}`, async () => expectNothingSerious(path));
  }

  it('finds nothing serious on an article in the editor, its revisions, and one reply on the desk', async () => {
    await expectNothingSerious(`/admin/articles/${articleId}/edit`);
    await expectNothingSerious(`/admin/articles/${articleId}/revisions`);
    await expectNothingSerious(`/admin/replies/${replyId}`);
  });
});
