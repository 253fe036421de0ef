import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { testEnv } from '../../test/support/test-env.js';

/** Whether Debian's Chromium (or `CHROMIUM_PATH`) is there; browser suites skip without it. */
export const hasChromium = existsSync(testEnv.chromiumPath);

if (!hasChromium) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! No Chromium at ${testEnv.chromiumPath} (set CHROMIUM_PATH): this browser suite is SKIPPED.\n${'!'.repeat(78)}\n`,
  );
}

/** Flags for a quiet, offline, headless Chromium in a container: nothing but 127.0.0.1 is asked for. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: testEnv.chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * A fresh browser context (its own cookies: one reader) pointed at the site. Waits are bounded
 * by 10 s so a broken page fails a test quickly instead of using up the test's whole timeout.
 */
export async function newReader(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(10_000);
  return context;
}
