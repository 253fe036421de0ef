import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressExport } from '../src/modules/privacy/index.js';
import { approvedReply, replyFields } from '../test/support/factories.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * Personal data, self-service (issue 13), as a reader does it in Chromium: the privacy page from
 * the footer, the email form, the link from the mail (read from a real SMTP sink), "Download my
 * data", then "Erase my data" with its confirm step. axe-core on each page.
 */
describe.skipIf(!hasChromium)('the privacy page', () => {
  const sink = new SmtpSink();
  // Before the site starts: its SMTP_URL names the sink's port.
  beforeAll(() => sink.start());
  afterAll(() => sink.stop());
  const ctx = useSiteAndBrowser({ env: () => ({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Gazette <news@gazette.test>' }) });
  let context: BrowserContext;
  let page: Page;
  let replyId: number;

  beforeAll(async () => {
    const article = await ctx.site.container.articles.getPublished(demoSlug);
    const reply = await approvedReply(
      ctx.site.container,
      replyFields({
        articleId: article.id,
        author: 'Hana Seo',
        email: 'hana.seo@example.org',
        url: 'https://hana.example.org',
        comment: 'Deterrence needs both ministers at one table.',
      }),
    );
    replyId = reply.id;
  });
  beforeEach(async () => {
    // axe is injected as a script; the site's strict CSP would refuse it.
    context = await newReader(ctx.browser, ctx.site.baseUrl, { bypassCSP: true, acceptDownloads: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  async function expectNothingSerious(label: string): Promise<void> {
    const violations = await runAxe(page, label);
    expect(seriousOnes(violations).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }

  /** Runs the site's queued jobs (its scheduler is not started in tests), so the mail goes out. */
  async function sendQueuedMail(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const report = await ctx.site.container.jobs.runDue(20);
      if (report.done + report.retried + report.failed === 0) return;
    }
  }

  it('mails a link, downloads the data as JSON and erases it after a confirmation', async () => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
    await expect.poll(() => page.url()).toBe(`${ctx.site.baseUrl}/privacy`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your data');
    await expectNothingSerious('the privacy page');

    await page.getByLabel('Your email address').fill('Hana.Seo@example.org');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link is on its way' }).waitFor();
    await expectNothingSerious('the privacy page, link sent');

    await sendQueuedMail();
    const mail = sink.to('hana.seo@example.org').at(-1);
    expect(mail, 'the verification mail').toBeDefined();
    const link = /http:\/\/gazette\.test(\/privacy\/verify\?token=[\w.-]+)/.exec(mail!.parsed.text ?? '');
    expect(link).not.toBeNull();

    await page.goto(link![1]!);
    await page.getByText('We hold 1 reply and 0 reply notifications for this address.').waitFor();
    await expectNothingSerious('the verified page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('personal-data.json');
    const data = JSON.parse(await readFile((await download.path())!, 'utf8')) as AddressExport;
    expect(data.replies).toHaveLength(1);
    expect(data.replies[0]).toMatchObject({
      id: replyId,
      name: 'Hana Seo',
      email: 'hana.seo@example.org',
      website: 'https://hana.example.org/',
      text: 'Deterrence needs both ministers at one table.',
    });

    await page.getByRole('link', { name: 'Erase my data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Erase your data' }).waitFor();
    await expectNothingSerious('the erasure confirmation');
    await page.getByRole('button', { name: 'Yes, erase my data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your data is erased' }).waitFor();
    expect(await page.getByRole('status').innerText()).toContain('1 reply anonymised');
    await expectNothingSerious('the erasure done');

    // The reply stays on the article under "Anonymous", without the name or the website.
    await page.goto(`/articles/${demoSlug}`);
    const shown = page.locator(`#reply-${replyId}`);
    expect(await shown.innerText()).toContain('Anonymous');
    expect(await shown.innerText()).toContain('Deterrence needs both ministers at one table.');
    expect(await shown.innerText()).not.toContain('Hana Seo');
    expect(await shown.locator('a[href^="https://hana.example.org"]').count()).toBe(0);

    // The link is spent: going back to it says so, plainly.
    const again = await page.goto(link![1]!);
    expect(again!.status()).toBe(403);
    await page.getByText('This link was used already').waitFor();
  });
});
