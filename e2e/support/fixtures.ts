import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startSite, type RunningSite } from './site.js';

/** What a browser suite works with: the running site and the browser that visits it. */
export interface SiteAndBrowser {
  site: RunningSite;
  browser: Browser;
}

/**
 * Starts a site (a fresh database, the demo article published) and a headless browser before the
 * enclosing `describe` and closes both after it. Read `ctx.site` and `ctx.browser` inside hooks and
 * tests (they are set once its beforeAll has run); hooks the suite adds after this call run after it.
 */
export function useSiteAndBrowser(options: { env?: () => Record<string, string> } = {}): SiteAndBrowser {
  const ctx = {} as SiteAndBrowser;
  beforeAll(async () => {
    // A function, so a suite can name things that exist only once its own beforeAll ran (an SMTP sink's port).
    ctx.site = await startSite(options.env ? { env: options.env() } : {});
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.site?.close();
  });
  return ctx;
}
