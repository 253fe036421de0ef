import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorPage } from './pages/admin-pages.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { hasChromium } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { screenshotDir } from './support/screenshots.js';

const screenshots = screenshotDir();

describe.skipIf(!hasChromium)('writing and publishing in the editor', () => {
  const ctx = useSiteAndBrowser();
  const pages: Page[] = [];

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });

  async function writer(role: 'author' | 'contributor', name: string): Promise<EditorPage> {
    const page = await staffBrowser(ctx.browser, ctx.site, await addStaff(ctx.site, role, name), {
      viewport: { width: 1440, height: 1000 },
    });
    pages.push(page);
    return new EditorPage(page).gotoNew();
  }

  it('writes, previews live, publishes, and finds the article on the front page', async () => {
    const editor = await writer('author', 'Mina Park');
    await editor.headline.fill('Allies pledge closer watch on Pyongyang after ministers meet');
    expect(await editor.slug.inputValue()).toBe('allies-pledge-closer-watch-on-pyongyang-after-ministers-meet');
    await editor.dek.fill('Foreign and defense ministers agreed to share more intelligence on troop movements.');
    await editor.body.fill(
      'The four ministers met for **three hours** in Washington.\n\n## What they agreed\n\n- more intelligence sharing;\n- regular joint briefings.\n\n> Deterrence works only when both allies speak with one voice.\n',
    );
    // The live preview renders the Markdown as readers will see it, without a save.
    await editor.preview.getByRole('heading', { name: 'What they agreed' }).waitFor();
    expect(await editor.preview.locator('strong').textContent()).toBe('three hours');
    await editor.section.fill('World');
    await editor.tags.fill('South Korea, United States, Diplomacy');
    mkdirSync(screenshots, { recursive: true });
    await editor.page.evaluate(() => window.scrollTo(0, 0));
    await editor.page.screenshot({ path: join(screenshots, 'admin-editor.png') });
    await editor.save('Publish');
    expect(await editor.notice.textContent()).toBe('Published. It is on the site now.');

    await editor.page.goto('/');
    const link = editor.page.getByRole('link', { name: 'Allies pledge closer watch on Pyongyang after ministers meet' });
    await link.click();
    await editor.page.getByRole('heading', { level: 1, name: 'Allies pledge closer watch on Pyongyang after ministers meet' }).waitFor();
    expect(await editor.page.getByRole('blockquote').textContent()).toContain('one voice');
  });

  it('schedules an article that appears on the front page once the clock passes its time', async () => {
    const editor = await writer('author', 'Jun Seo');
    const at = new Date(ctx.site.clock.now().getTime() + 3 * 3600_000);
    await editor.headline.fill('Joint statement expected after the talks');
    await editor.body.fill('Officials expect a joint statement on Friday.');
    await editor.goLiveAt.fill(at.toISOString().slice(0, 16));
    await editor.save('Schedule');
    expect(await editor.notice.textContent()).toContain('Scheduled.');

    const front = editor.page;
    await front.goto('/');
    expect(await front.getByRole('link', { name: 'Joint statement expected after the talks' }).count()).toBe(0);
    ctx.site.clock.set(new Date(at.getTime() + 1000));
    await front.goto('/');
    await front.getByRole('link', { name: 'Joint statement expected after the talks' }).waitFor();
  });

  it('gives a contributor no way to publish their draft', async () => {
    const editor = await writer('contributor', 'Tae Contributor');
    expect(await editor.saveButton('Publish').count()).toBe(0);
    expect(await editor.page.getByText('As a contributor you write drafts; an editor publishes them.').isVisible()).toBe(true);
    await editor.headline.fill('A contributor’s first draft');
    await editor.body.fill('Waiting for an editor.');
    await editor.save('Save draft');
    expect(await editor.notice.textContent()).toBe('Draft saved.');
    // Forging the form is refused too.
    const forged = await editor.page.evaluate(async () => {
      const form = document.querySelector('form[data-editor]') as HTMLFormElement;
      const data = new FormData(form);
      data.set('status', 'published');
      data.set('intent', 'save');
      return (await fetch(form.action, { method: 'POST', body: data })).status;
    });
    expect(forged).toBe(403);
    await editor.page.goto('/');
    expect(await editor.page.getByRole('link', { name: 'A contributor’s first draft' }).count()).toBe(0);
  });
});
