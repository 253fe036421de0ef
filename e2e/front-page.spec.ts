import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FrontPage } from './pages/front-page.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { publishFrontStories } from './support/front-stories.js';
import { screenshotDir } from './support/screenshots.js';
import { startSite, type RunningSite } from './support/site.js';

const screenshots = screenshotDir();

/*
 * "A front page a reader takes for a newspaper's" (issue 11): eight invented stories, six with a
 * picture uploaded through the newsroom's path (sharp makes the sizes), photographed at 1280 and
 * 390 px on the front page and the World section front; the browser picks a picture size that
 * fits, every picture's box is reserved before it loads, and axe finds nothing serious, light or dark.
 */
describe.skipIf(!hasChromium)('fronts with pictures', () => {
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    site = await startSite();
    browser = await launchBrowser();
    await publishFrontStories(site.container, site.clock.now());
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe.each([
    { name: 'the front page', path: '/', file: 'front-page', lead: 'Coastal towns count the cost as the storm moves north' },
    {
      name: 'the World section front',
      path: '/section/world',
      file: 'section-front',
      lead: 'Coastal towns count the cost as the storm moves north',
    },
  ])('$name', ({ path, file, lead }) => {
    let context: BrowserContext;
    let front: FrontPage;

    beforeEach(async () => {
      context = await newReader(browser, site.baseUrl);
      front = new FrontPage(await context.newPage());
    });
    afterEach(async () => {
      await context.close();
    });

    it.each([
      { width: 1280, suffix: 'desktop', leadFile: '960.webp' },
      { width: 390, suffix: '390', leadFile: '480.webp' },
    ])('is photographed at $width px, the lead with its picture in a size that fits', async ({ width, suffix, leadFile }) => {
      await front.page.setViewportSize({ width, height: 800 });
      await front.goto(path);
      expect(await front.storyLinks.first().textContent()).toBe(lead);
      await front.showEverything(width);
      // srcset and sizes at work: the 1280 px lead is drawn 720 px wide, the 390 px one 358 px.
      expect(await front.leadPicture.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
        new RegExp(`/${leadFile.replace('.', '\\.')}$`),
      );
      // Recorded, not asserted: with font-display: swap, a font arriving after the first paint (on
      // a loaded machine) may move text a little; pictures cannot (next test).
      console.log(`layout shift of ${path} at ${width} px: ${(await front.layoutShift()).toFixed(4)}`);
      const widths = await front.page.evaluate(() => document.documentElement.scrollWidth);
      expect(widths).toBeLessThanOrEqual(width);
      await front.page.screenshot({ path: join(screenshots, `${file}-${suffix}.png`), fullPage: true });
    });

    it.each([{ width: 1280 }, { width: 390 }])(
      'reserves every picture its box before a byte of it arrives, at $width px',
      async ({ width }) => {
        // Picture requests are held unanswered: whatever space the page gives them, it gave them up front.
        await front.page.route('**/media/**', () => undefined);
        await front.page.setViewportSize({ width, height: 800 });
        await front.goto(path, { parsed: true });
        const boxes = await front.pictureBoxes();
        expect(boxes.length).toBeGreaterThanOrEqual(2);
        for (const box of boxes) {
          expect(box.natural).toBe(0);
          // Cut to 3:2 by the stylesheet, whatever the file.
          expect(Math.abs(box.height - (box.width * 2) / 3)).toBeLessThan(1);
          expect(box.width).toBeGreaterThan(50);
        }
      },
    );

    it('does not scroll sideways at 320 px', async () => {
      await front.page.setViewportSize({ width: 320, height: 640 });
      await front.goto(path);
      expect(await front.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    });

    it.each([{ colorScheme: 'light' as const }, { colorScheme: 'dark' as const }])(
      'has nothing axe calls serious in the $colorScheme theme',
      async ({ colorScheme }) => {
        // axe is injected as a script; the site's strict CSP would refuse it.
        const checked = await newReader(browser, site.baseUrl, { bypassCSP: true, colorScheme });
        try {
          const page: Page = await checked.newPage();
          await new FrontPage(page).goto(path);
          const violations = await runAxe(page, `${path} with pictures (${colorScheme})`);
          expect(seriousOnes(violations).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
        } finally {
          await checked.close();
        }
      },
    );
  });
});
