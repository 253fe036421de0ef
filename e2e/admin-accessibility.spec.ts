import type { Page } from 'playwright-core';
import sharp from 'sharp';
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
  let mediaId: number;

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
    // An image in the media library, so its cards and their forms are checked too.
    const picture = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#557799' } })
      .png()
      .toBuffer();
    mediaId = (await ctx.site.container.media.upload(picture, 'harbour.png', admin.id)).id;
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
    '/admin/media',
    '/admin/replies',
    '/admin/audit',
    '/admin/privacy',
    '/admin/settings/discussion',
    '/admin/users',
    '/admin/account',
    '/admin/account/api-tokens',
    '/admin/webhooks',
  ]) {
    it(`finds nothing serious on ${path}`, async () => expectNothingSerious(path));
  }

  it('finds nothing serious on an article in the editor, its revisions, and one reply on the desk', async () => {
    await expectNothingSerious(`/admin/articles/${articleId}/edit`);
    await expectNothingSerious(`/admin/articles/${articleId}/revisions`);
    await expectNothingSerious(`/admin/replies/${replyId}`);
  });

  it("finds nothing serious on a commenter's data looked up, and on an unconfirmed erasure", async () => {
    await page.goto('/admin/privacy');
    await page.getByLabel('Email address').fill('lena@example.org');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stored for this address' }).waitFor();
    expect(seriousOnes(await runAxe(page, `/admin/privacy, looked up (${colorScheme})`))).toEqual([]);
    await page.getByRole('button', { name: 'Erase' }).click();
    await page.getByText('Tick the box to confirm the erasure.').first().waitFor();
    expect(seriousOnes(await runAxe(page, `/admin/privacy, unconfirmed erasure (${colorScheme})`))).toEqual([]);
  });

  it('finds nothing serious on the media library with an image picked, and on its refusal', async () => {
    await expectNothingSerious(`/admin/media?pick=${mediaId}&alt=A%20harbour%20at%20dawn`);
    await expectNothingSerious(`/admin/media?pick=${mediaId}&alt=`);
  });
});
