import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorPage } from './pages/admin-pages.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { hasChromium } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { screenshotDir } from './support/screenshots.js';

const screenshots = screenshotDir();

describe.skipIf(!hasChromium)('the editor: one-click publishing, images in the text, the preview as on the site', () => {
  const ctx = useSiteAndBrowser();
  const pages: Page[] = [];

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });

  async function editorAt(width: number, name: string): Promise<EditorPage> {
    const page = await staffBrowser(ctx.browser, ctx.site, await addStaff(ctx.site, 'author', name), {
      viewport: { width, height: width > 600 ? 900 : 844 },
    });
    pages.push(page);
    return new EditorPage(page).gotoNew();
  }

  const picture = () =>
    sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f5d8a' } })
      .png()
      .toBuffer();

  it('publishes with one click on the button at the top, without touching anything else', async () => {
    const editor = await editorAt(1280, 'Mina Park');
    await editor.headline.fill('Ministers agree to meet again in spring');
    await editor.body.fill('A one-paragraph quote follows.\n\n> "We will meet again," the ministers said.\n');
    // The preview frame is the site's page: the quote is a quote there too, not an attribution.
    const quote = editor.preview.locator('blockquote p');
    await quote.waitFor();
    expect(await quote.textContent()).toBe('“We will meet again,” the ministers said.');
    const top = editor.page.getByRole('button', { name: 'Publish', exact: true }).first();
    expect((await top.boundingBox())!.y).toBeLessThan((await editor.body.boundingBox())!.y);
    await editor.save('Publish');
    expect(await editor.notice.textContent()).toBe('Published. It is on the site now.');
    await editor.page.goto('/articles/ministers-agree-to-meet-again-in-spring');
    // On the page, as in the preview: the one paragraph is set as the quote (large italic), not as small print.
    const onPage = editor.page.locator('.story-body blockquote p');
    expect(await onPage.evaluate((p) => getComputedStyle(p).fontStyle)).toBe('italic');
  });

  it('uploads an image with its alt text into the text, previews it and publishes it with its sizes', async () => {
    const editor = await editorAt(1280, 'Jun Seo');
    await editor.headline.fill('Pictures from the talks');
    await editor.body.fill('The ministers arrived in the morning.');
    await editor.imageForText.setInputFiles({ name: 'arrival.png', mimeType: 'image/png', buffer: await picture() });
    // Without a description, the upload is refused with a message saying what to add.
    await editor.page.getByRole('button', { name: 'Upload and place in the text' }).click();
    await editor.page.getByRole('status').filter({ hasText: 'Describe the picture' }).waitFor();
    await editor.altText.fill('Foreign ministers shake hands at the State Department');
    await editor.page.getByRole('button', { name: 'Upload and place in the text' }).click();
    await editor.page.getByRole('status').filter({ hasText: 'Image inserted in the text.' }).waitFor();
    expect(await editor.body.inputValue()).toMatch(
      /^The ministers arrived in the morning\.\n\n!\[Foreign ministers shake hands at the State Department\]\(\/media\/[0-9a-f]{24}\/960\.jpg\)\n\n$/,
    );
    await editor.preview.getByRole('img', { name: 'Foreign ministers shake hands at the State Department' }).waitFor();
    await editor.body.press('End');
    await editor.body.pressSequentially('https://www.youtube.com/watch?v=abc123\n');
    await editor.preview.getByText('Video on YouTube', { exact: true }).waitFor();
    mkdirSync(screenshots, { recursive: true });
    await editor.body.blur();
    await editor.page.evaluate(() => window.scrollTo(0, 0));
    await editor.page.screenshot({ path: join(screenshots, 'editor-1280.png') });
    await editor.save('Publish');
    await editor.page.goto('/articles/pictures-from-the-talks');
    const image = editor.page.getByRole('img', { name: 'Foreign ministers shake hands at the State Department' });
    expect(await image.getAttribute('srcset')).toMatch(/480\.webp 480w, .*960\.webp 960w, .*1200\.webp 1200w$/);
    expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual(['1200', '800']);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The link card is a plain link: nothing from YouTube is loaded by the page.
    const card = editor.page.getByRole('link', { name: /Video on YouTube/ });
    expect(await card.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abc123');
  });

  it('asks for a description when a picture is pasted into the text, then inserts it at the cursor', async () => {
    const editor = await editorAt(1280, 'Ria Paste');
    await editor.body.fill('Before.\n\nAfter.');
    const bytes = [...(await picture())];
    await editor.body.evaluate((textarea: HTMLTextAreaElement, data) => {
      textarea.focus();
      textarea.setSelectionRange(9, 9);
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'pasted.png', { type: 'image/png' }));
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    const dialog = editor.page.getByRole('dialog', { name: 'Describe the image' });
    await dialog.getByRole('textbox', { name: 'Description of the image (alt text)' }).fill('A pasted map of the peninsula');
    await dialog.getByRole('button', { name: 'Insert image' }).click();
    await editor.page.getByRole('status').filter({ hasText: 'Image inserted in the text.' }).waitFor();
    expect(await editor.body.inputValue()).toMatch(
      /^Before\.\n\n!\[A pasted map of the peninsula\]\(\/media\/[0-9a-f]{24}\/960\.jpg\)\n\nAfter\.$/,
    );
  });

  it('shows the editor on a phone, the Publish button first', async () => {
    const editor = await editorAt(390, 'Phone Writer');
    await editor.headline.fill('Allies pledge closer watch');
    await editor.body.fill('> A one-paragraph quote, set as a quote.\n\nThe text goes on.');
    await editor.preview.locator('blockquote').waitFor();
    expect(await editor.page.getByRole('button', { name: 'Publish', exact: true }).first().isVisible()).toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await editor.page.screenshot({ path: join(screenshots, 'editor-390.png'), fullPage: true });
  });
});
