import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sender } from '../test/support/factories.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { demoSlug, startSite, type RunningSite } from './support/site.js';

/*
 * The newsroom is a tool people use all day: axe-core on every kind of admin page, in the light
 * and the dark theme, must find nothing serious or critical.
 */
describe.skipIf(!hasChromium).each(['light', 'dark'] as const)('the newsroom is accessible (%s theme)', (colorScheme) => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let replyId: number;
  let articleId: number;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    const demo = await site.container.articles.getPublished(demoSlug);
    articleId = demo.id;
    replyId = (await site.container.replies.post({ articleId: demo.id, comment: 'A held reply to look at.', author: 'Lena Ott', email: 'lena@example.org' }, sender())).id;
    const admin = await addStaff(site, 'administrator', 'Ada Admin');
    // Someone else on the people page, so its access buttons (disable, end sessions, remove) are checked too.
    const disabled = await addStaff(site, 'editor', 'Eve Editor');
    await site.container.accounts.setDisabled(disabled.id, true, { id: null, name: 'test' });
    await addStaff(site, 'author', 'Aki Author');
    // axe is injected as a script; the strict CSP would refuse it.
    page = await staffBrowser(browser, site, admin, { bypassCSP: true, colorScheme });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function expectNothingSerious(path: string) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(seriousOnes(await runAxe(page, `${path} (${colorScheme})`))).toEqual([]);
  }

  it('finds nothing serious on the sign-in page', async () => {
    const anonymous = await (await newReader(browser, site.baseUrl, { bypassCSP: true, colorScheme })).newPage();
    await anonymous.goto('/admin/sign-in');
    expect(seriousOnes(await runAxe(anonymous, `sign-in (${colorScheme})`))).toEqual([]);
    await anonymous.context().close();
  });

  for (const path of ['/admin', '/admin/articles', '/admin/articles/new', '/admin/replies', '/admin/audit', '/admin/settings/discussion', '/admin/users', '/admin/account']) {
    it(`finds nothing serious on ${path}`, async () => expectNothingSerious(path));
  }

  it('finds nothing serious on an article in the editor, its revisions, and one reply on the desk', async () => {
    await expectNothingSerious(`/admin/articles/${articleId}/edit`);
    await expectNothingSerious(`/admin/articles/${articleId}/revisions`);
    await expectNothingSerious(`/admin/replies/${replyId}`);
  });
});
