import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wxr } from '../test/support/import-files.js';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { gazette } from './support/cli.js';
import { startSite, type RunningSite } from './support/site.js';

/*
 * Moving in from WordPress, as a reader meets it afterwards: an old `/YYYY/MM/DD/slug/` link from
 * a bookmark or a search engine lands on the imported article, with the comments in their threads
 * and in order, and the held and spam ones hidden. `gazette import wordpress` runs as its own
 * process beside the running server, the way an operator moves a site.
 */
describe.skipIf(!hasChromium)('an imported WordPress site', () => {
  let dir: string;
  let site: RunningSite;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gazette-e2e-import-'));
    const databaseFile = join(dir, 'gazette.db');
    site = await startSite({ databaseFile });
    browser = await launchBrowser();
    const file = join(dir, 'courier.xml');
    writeFileSync(
      file,
      wxr([
        {
          id: 42,
          slug: 'harbour-reopens',
          title: 'The harbour reopens after the storm',
          link: 'https://courier.example/2024/10/27/harbour-reopens/',
          content: '<p>Boats went out again on Sunday.</p>\n\n<p>The quay was repaired overnight.</p>',
          comments: [
            { id: 103, parent: 101, author: 'Third Reader', content: 'An answer to the first comment.', dateGmt: '2024-10-27 12:00:00' },
            { id: 101, author: 'First Reader', content: 'Glad to see it open.', dateGmt: '2024-10-27 10:00:00' },
            { id: 102, author: 'Second Reader', content: 'A second top-level comment.', dateGmt: '2024-10-27 11:00:00' },
            { id: 104, author: 'Held Reader', content: 'Waiting for a moderator.', approved: '0', dateGmt: '2024-10-27 13:00:00' },
            { id: 105, author: 'Spammer', content: 'Cheap pills here.', approved: 'spam', dateGmt: '2024-10-27 14:00:00' },
          ],
        },
      ]),
    );
    await gazette(['import', 'wordpress', file], databaseFile);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  async function open(path: string): Promise<ArticlePage> {
    const context = await newReader(browser, site.baseUrl, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}${path}`);
    return new ArticlePage(page, 'harbour-reopens');
  }

  it('lands an old dated link on the article, with its threaded comments in order and the held and spam ones hidden', async () => {
    const article = await open('/2024/10/27/harbour-reopens/');
    expect(new URL(article.page.url()).pathname).toBe('/articles/harbour-reopens');
    expect(await article.headline.innerText()).toBe('The harbour reopens after the storm');

    const authors = await article.replies.locator(':scope > article .reply-author').allInnerTexts();
    expect(authors.map((a) => a.trim())).toEqual(['First Reader', 'Third Reader', 'Second Reader']);
    const answer = article.page.locator('li.reply', { hasText: 'An answer to the first comment.' }).last();
    const parentAuthor = await answer.evaluate((li) =>
      li.parentElement?.closest('li.reply')?.querySelector('.reply-author')?.textContent?.trim(),
    );
    expect(parentAuthor).toBe('First Reader');

    const text = await article.page.locator('main').innerText();
    expect(text).not.toContain('Waiting for a moderator.');
    expect(text).not.toContain('Cheap pills here.');
  });

  it('keeps an old #comment-N anchor pointing at the same comment', async () => {
    const article = await open('/?p=42#comment-102');
    expect(new URL(article.page.url()).pathname).toBe('/articles/harbour-reopens');
    const target = article.page.locator('#comment-102');
    expect(await target.innerText()).toContain('A second top-level comment.');
    // The browser kept the fragment through the redirect and scrolled the comment into view.
    expect(await article.page.evaluate(() => window.location.hash)).toBe('#comment-102');
    await expect.poll(() => target.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  });
});
