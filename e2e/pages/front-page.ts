import type { Locator, Page } from 'playwright-core';

/**
 * A front (the front page, a section, a tag) as a reader sees it: stories by their headline links,
 * the lead first. Locators go by role; the lead is found by the one class the hierarchy promises.
 */
export class FrontPage {
  constructor(readonly page: Page) {}

  /** Opens a front and waits for its first story (`parsed`: without waiting for its pictures to load). */
  async goto(path = '/', options: { parsed?: boolean } = {}): Promise<this> {
    await this.page.goto(path, options.parsed ? { waitUntil: 'domcontentloaded' } : {});
    await this.storyLinks.first().waitFor();
    return this;
  }

  /** Every story's headline link, in reading order. */
  get storyLinks(): Locator {
    return this.page.getByRole('article').getByRole('heading').getByRole('link');
  }

  /** The lead story's picture. */
  get leadPicture(): Locator {
    return this.page.locator('.summary-lead').getByRole('img');
  }

  /**
   * Makes the window as tall as the page, so every lazy picture is on screen, and waits until all
   * pictures and fonts have arrived: a screenshot then shows the page as a reader sees it.
   */
  async showEverything(width: number): Promise<void> {
    await this.page.setViewportSize({ width, height: 800 });
    const height = await this.page.evaluate(() => document.documentElement.scrollHeight);
    await this.page.setViewportSize({ width, height });
    await this.page.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0));
    await this.page.evaluate(() => document.fonts.ready.then(() => undefined));
  }

  /** The sum of layout shifts so far (the Cumulative Layout Shift of the page's load, without input). */
  layoutShift(): Promise<number> {
    return this.page.evaluate(() => {
      // A buffered observer holds every earlier entry at once; takeRecords() reads them without waiting.
      const observer = new PerformanceObserver(() => undefined);
      observer.observe({ type: 'layout-shift', buffered: true });
      const shifts = observer.takeRecords() as unknown as { value: number; hadRecentInput: boolean }[];
      observer.disconnect();
      return shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);
    });
  }

  /** Every picture's drawn box and the file's own size (0 × 0 while it has not arrived). */
  pictureBoxes(): Promise<{ width: number; height: number; natural: number }[]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('main img')).map((img) => {
        const box = img.getBoundingClientRect();
        return { width: box.width, height: box.height, natural: (img as HTMLImageElement).naturalWidth };
      }),
    );
  }
}
