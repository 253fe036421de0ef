import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteSettingsPage } from './pages/site-settings-page.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { screenshotDir } from './support/screenshots.js';
import { demoSlug } from './support/site.js';

const screenshots = screenshotDir();

/** A wordmark drawn with shapes and the system's serif, as a newsroom's logo file would be. */
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="120" viewBox="0 0 760 120">
<rect x="0" y="20" width="80" height="80" rx="10" fill="#7a1f1f"/>
<path d="M20 40 L40 80 L60 40" fill="none" stroke="#fff" stroke-width="9"/>
<text x="100" y="82" font-family="serif" font-size="54" font-weight="700" fill="#7a1f1f">The Valley Ledger</text>
</svg>`;

describe.skipIf(!hasChromium)('site settings in the newsroom', () => {
  const ctx = useSiteAndBrowser();
  let admin: Page;

  beforeAll(async () => {
    const user = await addStaff(ctx.site, 'administrator', 'Ada Admin');
    admin = await staffBrowser(ctx.browser, ctx.site, user, { viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await admin?.context().close();
  });

  it('names what is wrong and keeps the text, then saves title, menu, language and time zone for every reader at once', async () => {
    const settings = await new SiteSettingsPage(admin).goto();
    await settings.title.fill('');
    await settings.menu.fill('Prize | javascript:alert(1)');
    await settings.save();
    await settings.errorSummary.getByRole('link', { name: 'Give the site a title.' }).waitFor();
    expect(await settings.menu.inputValue()).toBe('Prize | javascript:alert(1)');

    await settings.title.fill('The Valley Ledger');
    await settings.description.fill('News from the valley, since 1887.');
    await settings.menu.fill('About | /articles/about\nCorrections | /articles/corrections');
    await settings.language.fill('en-GB');
    await settings.timeZone.selectOption('Pacific/Honolulu');
    await settings.save();
    expect(await settings.notice.textContent()).toBe('Settings saved. Every page shows them now.');

    const reader = await (await newReader(ctx.browser, ctx.site.baseUrl)).newPage();
    await reader.goto(`/articles/${demoSlug}`);
    expect(await reader.title()).toMatch(/– The Valley Ledger$/);
    expect(await reader.locator('html').getAttribute('lang')).toBe('en-GB');
    await reader.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Corrections' }).waitFor();
    // Published at 09:00 UTC on the 28th: the 27th in Honolulu.
    expect(await reader.locator('.story-header time').textContent()).toBe('Sunday, October 27, 2024');
    await reader.context().close();
  });

  it('puts an uploaded logo in the masthead and an uploaded icon in the tab', async () => {
    const settings = await new SiteSettingsPage(admin).goto();
    const logo = await sharp(Buffer.from(logoSvg)).png().toBuffer();
    const icon = await sharp({ create: { width: 128, height: 128, channels: 4, background: '#7a1f1f' } })
      .png()
      .toBuffer();
    await settings.logo.setInputFiles({ name: 'ledger-logo.png', mimeType: 'image/png', buffer: logo });
    await settings.favicon.setInputFiles({ name: 'ledger-icon.png', mimeType: 'image/png', buffer: icon });
    await settings.savePictures();
    await admin.getByRole('img', { name: 'The current logo' }).waitFor();

    const reader = await (await newReader(ctx.browser, ctx.site.baseUrl, { viewport: { width: 390, height: 844 } })).newPage();
    await reader.goto('/');
    const masthead = reader.getByRole('banner').getByRole('img', { name: 'The Valley Ledger' });
    await masthead.waitFor();
    expect(await masthead.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const iconHref = await reader.locator('link[rel="icon"]').getAttribute('href');
    const served = await reader.request.get(iconHref!);
    expect(served.headers()['content-type']).toBe('image/png');
    await reader.context().close();
  });

  it('is pictured at 1280 and 390 pixels wide', async () => {
    mkdirSync(screenshots, { recursive: true });
    const settings = await new SiteSettingsPage(admin).goto();
    await settings.page.screenshot({ path: join(screenshots, 'admin-site-settings-1280.png'), fullPage: true });
    const phone = await (
      await staffBrowser(ctx.browser, ctx.site, await addStaff(ctx.site, 'administrator', 'Phone Admin'), {
        viewport: { width: 390, height: 844 },
      })
    ).context();
    const page = phone.pages()[0]!;
    await new SiteSettingsPage(page).goto();
    await page.screenshot({ path: join(screenshots, 'admin-site-settings-390.png'), fullPage: true });
    await phone.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`finds nothing serious on the settings page and the front page it shapes (${colorScheme})`, async () => {
      const user = await addStaff(ctx.site, 'administrator', `Axe ${colorScheme}`);
      const page = await staffBrowser(ctx.browser, ctx.site, user, { bypassCSP: true, colorScheme });
      await new SiteSettingsPage(page).goto();
      expect(seriousOnes(await runAxe(page, `site settings (${colorScheme})`))).toEqual([]);
      await page.goto('/');
      expect(seriousOnes(await runAxe(page, `front page with logo and menu (${colorScheme})`))).toEqual([]);
      await page.context().close();
    });
  }
});
