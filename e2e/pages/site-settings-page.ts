import type { Locator, Page } from 'playwright-core';

/** The newsroom's site settings page, by its labels. */
export class SiteSettingsPage {
  readonly title: Locator;
  readonly description: Locator;
  readonly menu: Locator;
  readonly language: Locator;
  readonly timeZone: Locator;
  readonly logo: Locator;
  readonly favicon: Locator;
  readonly notice: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByLabel('Site title');
    this.description = page.getByLabel('Description');
    this.menu = page.getByLabel('Menu links, after the sections');
    this.language = page.getByLabel('Language', { exact: true });
    this.timeZone = page.getByLabel('Time zone');
    this.logo = page.getByLabel('Logo', { exact: true });
    this.favicon = page.getByLabel('Icon (favicon)');
    this.notice = page.getByRole('status');
    this.errorSummary = page.getByRole('alert');
  }

  async goto(): Promise<this> {
    await this.page.goto('/admin/settings/site');
    await this.page.getByRole('heading', { level: 1, name: 'Site settings' }).waitFor();
    return this;
  }

  /** Sends the identity, menu, language and time form and waits for the page that follows. */
  async save(): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/admin\/settings\/site/), this.page.getByRole('button', { name: 'Save settings' }).click()]);
    await this.page.getByRole('heading', { level: 1, name: 'Site settings' }).waitFor();
  }

  /** Sends the pictures form. */
  async savePictures(): Promise<void> {
    await Promise.all([this.page.waitForURL(/saved=pictures/), this.page.getByRole('button', { name: 'Save pictures' }).click()]);
  }
}
