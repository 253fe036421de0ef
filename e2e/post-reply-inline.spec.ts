import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { gazette } from './support/cli.js';
import { demoSlug, startSite, type RunningSite } from './support/site.js';

/*
 * Posting with JavaScript on: the form posts through the JSON API and the reply appears in
 * place, without a page load. A first-time commenter's reply is held (PRODUCT.md): its author
 * sees it marked, nobody else does, until a moderator approves it with `gazette replies approve`.
 * The site runs on a SQLite file here so the CLI, a separate process, reaches the same data.
 */
describe.skipIf(!hasChromium)('posting a reply with JavaScript on', () => {
  let dir: string;
  let databaseFile: string;
  let site: RunningSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function reader(): Promise<ArticlePage> {
    const context = await newReader(browser, site.baseUrl);
    contexts.push(context);
    return new ArticlePage(await context.newPage(), demoSlug);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-e2e-'));
    databaseFile = join(dir, 'gazette.db');
    site = await startSite({ databaseFile });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => site.passFloodInterval());
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  it('posts inline, without a page load, and marks the reply as awaiting moderation', async () => {
    const article = await (await reader()).goto();
    const { page } = article;
    const urlBefore = page.url();
    // A page load would wipe this marker and fire a main-frame navigation.
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    const id = await article.postInline({
      comment: 'The two-plus-two format is overdue.',
      author: 'Mina Park',
      email: 'mina.park@example.org',
    });

    expect(page.url()).toBe(urlBefore);
    expect(navigations).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(await article.moderationNotice(id).isVisible()).toBe(true);
    expect(await article.replyCard(id).getByText('The two-plus-two format is overdue.').isVisible()).toBe(true);
    expect(await article.formStatus.textContent()).toBe('Your comment is awaiting moderation.');
    // The form is ready for the next reply: the text is gone, the name stays.
    expect(await article.comment.inputValue()).toBe('');
    expect(await article.author.inputValue()).toBe('Mina Park');
  });

  it('shows markup typed into a reply as text, inline and after a reload', async () => {
    const article = await (await reader()).goto();
    const { page } = article;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const hostile = '<img src="/evil.png" onerror="alert(1)"> <script>alert(2)</script>';

    const id = await article.postInline({ comment: hostile, author: '<b>Mallory</b>', email: 'mallory@example.org' });
    for (const when of ['inline', 'after a reload']) {
      if (when === 'after a reload') await article.goto();
      const card = article.replyCard(id);
      expect(await card.getByText(hostile).isVisible(), `the text, ${when}`).toBe(true);
      expect(await card.getByText('<b>Mallory</b>').isVisible(), `the name, ${when}`).toBe(true);
      expect(await card.locator('img, script, b').count(), `elements from the text, ${when}`).toBe(0);
    }
    expect(requested.filter((url) => url.includes('evil'))).toEqual([]);
    expect(dialogs).toBe(0);
  });

  it('shows a held reply only to its author until `gazette replies approve` approves it', async () => {
    const author = await (await reader()).goto();
    const id = await author.postInline({
      comment: 'Seoul and Washington should publish the joint statement in full.',
      author: 'Jae Lee',
      email: 'jae.lee@example.org',
    });
    expect(await author.moderationNotice(id).isVisible(), 'the notice, right after posting').toBe(true);

    // The author still sees it after a reload; a stranger in a fresh browser does not.
    await author.goto();
    expect(await author.moderationNotice(id).isVisible(), 'the notice, to its author after a reload').toBe(true);
    const stranger = await (await reader()).goto();
    expect(await stranger.reply(id).count(), 'the held reply, to a stranger').toBe(0);
    expect(await stranger.page.getByText('Seoul and Washington should publish').count()).toBe(0);

    const { stdout } = await gazette(['replies', 'approve', String(id)], databaseFile);
    expect(stdout).toContain('Approved 1 reply');

    for (const [who, viewer] of [
      ['the stranger', stranger],
      ['the author', author],
    ] as const) {
      await viewer.goto();
      const text = viewer.replyCard(id).getByText('Seoul and Washington should publish the joint statement in full.');
      expect(await text.isVisible(), `the approved reply, to ${who}`).toBe(true);
      expect(await viewer.moderationNotice(id).count(), `the notice, to ${who} after approval`).toBe(0);
    }
  });
});
