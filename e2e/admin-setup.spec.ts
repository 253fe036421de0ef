import { describe, expect, it } from 'vitest';
import { SetupPage } from './pages/admin-pages.js';
import { staffPassword } from './support/admin-browser.js';
import { hasChromium, launchBrowser, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/server-process.js';

/*
 * A new site has no accounts and no default password: start-up prints a one-time link that creates
 * the first administrator. The first suite drives the link page in depth (weak password, reuse);
 * the second starts a real server process and follows the link it printed.
 */
describe.skipIf(!hasChromium)('first administrator setup', () => {
  const ctx = useSiteAndBrowser();

  it('creates the first administrator from the printed link, which then works no more', async () => {
    const printed = await ctx.site.container.accounts.issueSetupLink();
    expect(printed).toMatch(/^http:\/\/gazette\.test\/admin\/setup\?token=/);
    const url = new URL(printed!);
    const context = await newReader(ctx.browser, ctx.site.baseUrl);
    const page = await context.newPage();
    await page.goto(url.pathname + url.search);
    await page.getByRole('heading', { name: 'Welcome to Gazette' }).waitFor();

    // A weak password is refused with the reason, and the link still works.
    await page.getByRole('textbox', { name: 'Your name' }).fill('Grace Chief');
    await page.getByRole('textbox', { name: 'Email address' }).fill('grace@newsroom.example');
    await page.getByLabel(/^Password/).fill('gazette');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByRole('alert').waitFor();
    expect(
      await page
        .getByText(/The password is too short: 7 characters/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Grace Chief');

    await new SetupPage(page).createAdministrator({ name: 'Grace Chief', email: 'grace@newsroom.example', password: staffPassword });
    await page.getByRole('heading', { name: 'Good to see you, Grace Chief' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'People' }).isVisible()).toBe(true);

    const again = await (await newReader(ctx.browser, ctx.site.baseUrl)).newPage();
    const response = await again.goto(url.pathname + url.search);
    expect(response!.status()).toBe(410);
    expect(await again.getByText('This setup link has been used or has expired.').isVisible()).toBe(true);
    await context.close();
    await again.context().close();
  });
});

describe.skipIf(!hasChromium)('first administrator setup from a real start', () => {
  it('follows the link `gazette serve` prints on a new site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-setup-'));
    const server = await startServer({ DATABASE_URL: join(dir, 'gazette.db') });
    const browser = await launchBrowser();
    try {
      const printed = /Create the first administrator here[^\n]*\n\s*(http\S+)/.exec(server.output())?.[1];
      expect(printed, server.output()).toMatch(new RegExp(`^${server.url}/admin/setup\\?token=`));
      const context = await newReader(browser, server.url);
      const page = await context.newPage();
      await page.goto(printed!);
      await new SetupPage(page).createAdministrator({ name: 'Ola Editor', email: 'ola@newsroom.example', password: staffPassword });
      await page.getByRole('heading', { name: 'Good to see you, Ola Editor' }).waitFor();
      await context.close();
    } finally {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
