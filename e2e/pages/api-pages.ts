import type { Locator, Page } from 'playwright-core';

/** The newsroom's API tokens page, by its labels and roles. */
export class ApiTokensPage {
  readonly name: Locator;
  readonly notice: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByRole('textbox', { name: 'Name' });
    this.notice = page.getByRole('status');
    this.errorSummary = page.getByRole('alert');
  }

  /** Opens the page from the newsroom's menu. */
  async open(): Promise<this> {
    await this.page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'API tokens' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    return this;
  }

  /** Makes a token and returns the secret the page shows this once. */
  async make(name: string, scope: 'Read-only' | 'Read-write'): Promise<string> {
    await this.name.fill(name);
    await this.page.getByRole('radio', { name: new RegExp(`^${scope}`) }).check();
    await this.page.getByRole('button', { name: 'Make token' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Token made' }).waitFor();
    return this.page.getByRole('textbox', { name: 'Your new token' }).inputValue();
  }

  /** The row of a token in "Your tokens". */
  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }
}

/** The newsroom's webhooks pages (administrators). */
export class WebhooksPage {
  readonly address: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.address = page.getByRole('textbox', { name: 'Address' });
    this.errorSummary = page.getByRole('alert');
  }

  async open(): Promise<this> {
    await this.page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Webhooks' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    return this;
  }

  /** Fills the form and sends it; waits for whichever page answers. */
  async add(url: string, events: readonly string[]): Promise<void> {
    await this.address.fill(url);
    for (const e of events) await this.page.getByRole('checkbox', { name: new RegExp(`^${e.replace('.', '\\.')} `) }).check();
    await Promise.all([this.page.waitForLoadState('load'), this.page.getByRole('button', { name: 'Add webhook' }).click()]);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }
}
