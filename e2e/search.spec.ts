import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { startSite, type RunningSite } from './support/site.js';

/*
 * A reader searches with JavaScript off (issue 14): the masthead's Search link, a plain form, the
 * results with the words marked, and axe finds nothing serious on the results page.
 */
describe.skipIf(!hasChromium)('search without JavaScript', () => {
  let site: RunningSite;
  let browser: Browser;
  let reader: BrowserContext;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    reader = await newReader(browser, site.baseUrl, { javaScriptEnabled: false });
    await site.container.articleWriter.importArticle(
      {
        headline: 'Lighthouse keepers return to the northern cape',
        dek: 'The last manned light reopens',
        bodyMarkdown: 'After forty years the lighthouse has keepers again.',
        author: { name: 'Coast Desk' },
        section: 'World',
        status: 'published',
        publishedAt: new Date(site.clock.now().getTime() - 3_600_000),
      },
      { id: null, name: 'Browser test' },
    );
  });
  afterAll(async () => {
    await reader?.close();
    await browser?.close();
    await site?.close();
  });

  it('finds a story from the masthead’s Search link, the match marked', async () => {
    const page = await reader.newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Search headlines, stories, tags and sections').fill('lighthouse keepers');
    await page.getByRole('button', { name: 'Search' }).click();
    const result = page.getByRole('link', { name: 'Lighthouse keepers return to the northern cape' });
    await result.waitFor();
    expect(await page.locator('.search-result h2 mark').allTextContents()).toEqual(['Lighthouse', 'keepers']);
    expect(page.url()).toContain('/search?q=lighthouse+keepers');
    // axe is injected as a script: the same page in a context with JavaScript on and the CSP bypassed.
    const checker = await newReader(browser, site.baseUrl, { bypassCSP: true });
    try {
      const checked = await checker.newPage();
      await checked.goto('/search?q=lighthouse+keepers');
      expect(seriousOnes(await runAxe(checked, 'search results')).map((v) => v.id)).toEqual([]);
    } finally {
      await checker.close();
    }
    await page.getByLabel('Search headlines, stories, tags and sections').fill('"""');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No results for “"""”.').waitFor();
    await page.goBack();
    await result.click();
    await page.getByRole('heading', { level: 1, name: 'Lighthouse keepers return to the northern cape' }).waitFor();
  });
});
