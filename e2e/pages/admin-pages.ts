import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The newsroom's sign-in page. */
export class SignInPage {
  constructor(readonly page: Page) {}
  async goto(): Promise<this> {
    await this.page.goto('/admin/sign-in');
    await this.page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
    return this;
  }
  /** Signs in and waits to land on the overview. */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await this.page.getByLabel(/^Password/).fill(password);
    await Promise.all([this.page.waitForURL(/\/admin$/), this.page.getByRole('button', { name: 'Sign in' }).click()]);
  }
}

/** The first-administrator form opened from the setup link. */
export class SetupPage {
  constructor(readonly page: Page) {}
  async createAdministrator(fields: { name: string; email: string; password: string }): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Your name' }).fill(fields.name);
    await this.page.getByRole('textbox', { name: 'Email address' }).fill(fields.email);
    await this.page.getByLabel(/^Password/).fill(fields.password);
    await Promise.all([this.page.waitForURL(/\/admin$/), this.page.getByRole('button', { name: 'Create administrator' }).click()]);
  }
}

/** The editor, as a writer uses it. */
export class EditorPage {
  constructor(readonly page: Page) {}
  async gotoNew(): Promise<this> {
    await this.page.goto('/admin/articles/new');
    await this.headline.waitFor();
    return this;
  }
  get headline(): Locator {
    return this.page.getByRole('textbox', { name: 'Headline' });
  }
  get dek(): Locator {
    return this.page.getByRole('textbox', { name: 'Dek' });
  }
  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Article' });
  }
  get slug(): Locator {
    return this.page.getByRole('textbox', { name: 'Address' });
  }
  get section(): Locator {
    return this.page.getByRole('combobox', { name: 'Section' });
  }
  get tags(): Locator {
    return this.page.getByRole('textbox', { name: 'Tags' });
  }
  /** The preview: the site's own page, in a frame. */
  get preview(): FrameLocator {
    return this.page.frameLocator('iframe.preview-frame');
  }
  get altText(): Locator {
    return this.page.getByRole('textbox', { name: 'Description of the image (alt text)' });
  }
  get imageForText(): Locator {
    return this.page.getByLabel('Image to place in the text');
  }
  get goLiveAt(): Locator {
    return this.page.getByLabel('Go live at (UTC)');
  }
  /** The save button ("Save draft", "Publish", "Schedule", "Update"); the first is the one at the top. */
  saveButton(label: string): Locator {
    return this.page.getByRole('button', { name: label, exact: true }).first();
  }
  /** Saves and waits for the edit page with its notice. */
  async save(label: string): Promise<void> {
    await Promise.all([this.page.waitForURL(/\/admin\/articles\/\d+\/edit\?saved=/), this.saveButton(label).click()]);
  }
  get notice(): Locator {
    return this.page.getByRole('status').first();
  }
}

/** The moderation desk. */
export class DeskPage {
  constructor(readonly page: Page) {}
  async goto(): Promise<this> {
    await this.page.goto('/admin/replies');
    await this.page.getByRole('heading', { name: 'Replies', level: 1 }).waitFor();
    return this;
  }
  /** The checkbox that selects one reply (its label names the author). */
  select(replyId: number, author: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select reply ${replyId} by ${author}` });
  }
  get action(): Locator {
    return this.page.getByRole('combobox', { name: 'Action for the selected replies' });
  }
  get reason(): Locator {
    return this.page.getByRole('textbox', { name: 'Reason (the authors see it)' });
  }
  async apply(): Promise<void> {
    await Promise.all([this.page.waitForURL(/done=/), this.page.getByRole('button', { name: 'Apply to selected' }).click()]);
  }
  get notice(): Locator {
    return this.page.getByRole('status').first();
  }
  tab(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Replies by status' }).getByRole('link', { name: new RegExp(`^${label}`) });
  }
}
