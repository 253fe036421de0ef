import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sender } from '../test/support/factories.js';
import { ArticlePage } from './pages/article-page.js';
import { DeskPage } from './pages/admin-pages.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';
import { screenshotDir } from './support/screenshots.js';

const screenshots = screenshotDir();

describe.skipIf(!hasChromium)('the moderation desk', () => {
  const ctx = useSiteAndBrowser();
  let page: Page;

  /** A first-time reader's reply: held for moderation, or spam when the filter judges it so. */
  async function posted(comment: string, author: string, status: 'held' | 'spam' = 'held'): Promise<number> {
    const articleId = (await ctx.site.container.articles.getPublished(demoSlug)).id;
    const reply = await ctx.site.container.replies.post(
      { articleId, comment, author, email: `${author.split(' ')[0]!.toLowerCase()}@example.org` },
      sender(),
    );
    expect(reply.status).toBe(status);
    return reply.id;
  }
  const held = (comment: string, author: string) => posted(comment, author);

  it('moderates three held replies in one bulk action', async () => {
    const ids = [
      await held('Sending troops abroad changes the whole calculation for Seoul.', 'Hana Lee'),
      await held('Will the ministers publish a joint statement afterwards?', 'Tom Becker'),
      await held('Good to see both pairs of ministers in one room for once.', 'Ines Duarte'),
    ];
    const spam = await posted('Cheap replica watches, 80% off today: https://replica-watch-outlet.shop/sale', 'Replica Watches', 'spam');
    const editor = await addStaff(ctx.site, 'editor', 'Eun-ji Editor');
    page = await staffBrowser(ctx.browser, ctx.site, editor, { viewport: { width: 1440, height: 1000 } });
    const desk = await new DeskPage(page).goto();
    expect(await desk.tab('Held').textContent()).toContain('3');
    expect(await desk.tab('Spam').textContent()).toContain('1');

    await desk.select(ids[0]!, 'Hana Lee').check();
    await desk.select(ids[1]!, 'Tom Becker').check();
    await desk.select(ids[2]!, 'Ines Duarte').check();
    await desk.action.selectOption('approve');
    await desk.reason.fill('On topic and civil');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'admin-desk.png') });
    await desk.apply();
    expect(await desk.notice.textContent()).toBe('3 replies approved.');
    expect(await desk.tab('Held').textContent()).toContain('0');

    // The spam queue says why the filter put the watch seller there, and offers "Not spam".
    await page.goto('/admin/replies?status=spam');
    await page.getByText(/Gazette marked it as spam: the spam filter scored it [01]\.\d\d; strongest signals:/).waitFor();
    await page.getByRole('button', { name: `Not spam reply ${spam} by Replica Watches` }).waitFor();

    // Readers see the three replies now; the spam stays hidden.
    const reader = new ArticlePage(await (await newReader(ctx.browser, ctx.site.baseUrl)).newPage(), demoSlug);
    await reader.goto();
    for (const id of ids) await reader.reply(id).waitFor();
    expect(await reader.page.getByText('Cheap replica watches').count()).toBe(0);
    await reader.page.context().close();

    // A moderator who knows better says "Not spam": the reply is published and the filter learns.
    await page.goto('/admin/replies?status=spam');
    await page.getByRole('button', { name: `Not spam reply ${spam} by Replica Watches` }).click();
    expect(await desk.notice.textContent()).toBe('1 reply approved.');
    expect((await ctx.site.container.replies.find(spam))?.status).toBe('approved');

    // The audit trail names who did it, and why.
    await page.goto('/admin/audit');
    expect(await page.getByRole('cell', { name: 'On topic and civil', exact: true }).count()).toBe(3);
    // Three approvals and the "not spam".
    expect(await page.getByRole('cell', { name: 'Eun-ji Editor', exact: true }).count()).toBe(4);
    await page.context().close();
  });
});
