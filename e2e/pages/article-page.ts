import type { Locator, Page, Response } from 'playwright-core';

/** What a reader types into the reply form; omitted fields are left as they are. */
export interface ReplyFields {
  comment?: string;
  author?: string;
  email?: string;
  url?: string;
  /** Tick (true) or untick (false) "Save my name, email, and website…". */
  remember?: boolean;
  /** Tick (true) or untick (false) "Notify me of follow-up replies by email". */
  notify?: boolean;
}

/** The form's four text fields, by their `name` (WordPress's names, PRODUCT.md). */
export type FieldName = 'comment' | 'author' | 'email' | 'url';

/**
 * An article page as a reader uses it: the story, its replies and the "Leave a Reply" form.
 * Locators go by role and label, as a reader (or a screen reader) finds things; element ids are
 * used only where the markup promises them (`#reply-N` anchors, `#respond`).
 */
export class ArticlePage {
  constructor(
    readonly page: Page,
    readonly slug: string,
  ) {}

  /** The article's path. */
  get path(): string {
    return `/articles/${this.slug}`;
  }

  /** Opens the article (optionally `?replytocom=ID`, WordPress's "answer this reply" link). */
  async goto(options: { replyTo?: number } = {}): Promise<this> {
    const query = options.replyTo ? `?replytocom=${options.replyTo}#respond` : '';
    await this.page.goto(this.path + query);
    await this.headline.waitFor();
    return this;
  }

  // The story

  get story(): Locator {
    return this.page.getByRole('article').filter({ has: this.page.getByRole('heading', { level: 1 }) });
  }
  get headline(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }
  /** The "By NAME · DATE · N replies" line. */
  get meta(): Locator {
    return this.story.getByText(/^By /);
  }
  get publishedTime(): Locator {
    return this.meta.locator('time');
  }
  get pullQuote(): Locator {
    return this.story.getByRole('blockquote');
  }
  get tagLinks(): Locator {
    return this.story.locator('a[rel~="tag"]');
  }

  // The form

  /** The block holding the form; with JavaScript it moves under the reply being answered. */
  get respond(): Locator {
    return this.page.locator('#respond');
  }
  /** "Leave a Reply" or "Leave a Reply to NAME". */
  get formHeading(): Locator {
    return this.respond.getByRole('heading', { name: /^Leave a Reply/ });
  }
  get cancelReply(): Locator {
    return this.respond.getByRole('link', { name: 'Cancel reply' });
  }
  get form(): Locator {
    return this.respond.locator('form');
  }
  /** "Your email address will not be published. Required fields are marked *" */
  get note(): Locator {
    return this.form.getByText(/^Your email address will not be published\. Required fields are marked \*$/);
  }
  get comment(): Locator {
    return this.form.getByRole('textbox', { name: 'Comment', exact: true });
  }
  get author(): Locator {
    return this.form.getByRole('textbox', { name: 'Name', exact: true });
  }
  get email(): Locator {
    return this.form.getByRole('textbox', { name: 'Email', exact: true });
  }
  get website(): Locator {
    return this.form.getByRole('textbox', { name: 'Website', exact: true });
  }
  get remember(): Locator {
    return this.form.getByRole('checkbox', { name: 'Save my name, email, and website in this browser for the next time I comment.' });
  }
  get notifyMe(): Locator {
    return this.form.getByRole('checkbox', { name: 'Notify me of follow-up replies by email' });
  }
  get postButton(): Locator {
    return this.form.getByRole('button', { name: 'Post Comment' });
  }
  /** The message for the whole form ("Please correct the fields marked below…"). */
  get formAlert(): Locator {
    return this.form.getByRole('alert');
  }
  /** The live status line the script fills in ("Your comment is awaiting moderation."). */
  get formStatus(): Locator {
    return this.form.getByRole('status');
  }

  field(name: FieldName): Locator {
    return { comment: this.comment, author: this.author, email: this.email, url: this.website }[name];
  }

  /** The message shown next to a field (the element the field names in `aria-describedby`). */
  fieldError(name: FieldName): Locator {
    return this.page.locator(`#${name}-error`);
  }

  /**
   * The honeypot (issue 10): hidden from people and screen readers, so found by its name, as a bot
   * reading the markup finds it.
   */
  get honeypot(): Locator {
    return this.page.locator('#reply-form input[name="contact_url"]');
  }

  /** Fills the honeypot as a bot does (straight into the DOM: no person can reach it). */
  async fillHoneypot(value: string): Promise<void> {
    await this.honeypot.evaluate((input, v) => ((input as HTMLInputElement).value = v), value);
  }

  /** The signed form token the page was served with. */
  formToken(): Promise<string> {
    return this.page.locator('#reply-form input[name="form_token"]').inputValue();
  }

  /** Types into the form. */
  async fill(fields: ReplyFields): Promise<void> {
    if (fields.comment !== undefined) await this.comment.fill(fields.comment);
    if (fields.author !== undefined) await this.author.fill(fields.author);
    if (fields.email !== undefined) await this.email.fill(fields.email);
    if (fields.url !== undefined) await this.website.fill(fields.url);
    if (fields.remember !== undefined) await this.remember.setChecked(fields.remember);
    if (fields.notify !== undefined) await this.notifyMe.setChecked(fields.notify);
  }

  /**
   * Posts with the page's script (inline, through the JSON API) and returns the new reply's id
   * once it is on the page. Waits on the API's answer, then on the reply's element.
   */
  async postInline(fields: ReplyFields): Promise<number> {
    await this.fill(fields);
    const [response] = await Promise.all([this.waitForApiPost(), this.postButton.click()]);
    const body = (await response.json()) as { reply?: { id: number }; error?: { message: string } };
    if (!body.reply) throw new Error(`the reply was refused (${response.status()}): ${JSON.stringify(body.error)}`);
    await this.reply(body.reply.id).waitFor();
    return body.reply.id;
  }

  /** The JSON API answer to the next inline post. */
  waitForApiPost(): Promise<Response> {
    return this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api${this.path}/replies`);
  }

  /**
   * Posts as a plain HTML form (JavaScript off): waits for the post/redirect/get to land on the
   * new reply's `#reply-N` anchor, and returns N.
   */
  async postPlain(fields: ReplyFields): Promise<number> {
    await this.fill(fields);
    await Promise.all([this.page.waitForURL(/#reply-\d+$/), this.postButton.click()]);
    return Number(/#reply-(\d+)$/.exec(this.page.url())![1]);
  }

  /**
   * Sends the form expecting it to be refused: waits until the form's alert shows (drawn in
   * place by the script, or on the page the server sends back when JavaScript is off).
   */
  async submitRefused(fields: ReplyFields = {}): Promise<void> {
    await this.fill(fields);
    await this.postButton.click();
    await this.formAlert.waitFor({ state: 'visible' });
  }

  // Replies

  /** A reply's list item (`li#reply-N`), which holds its card and the answers to it. */
  reply(id: number): Locator {
    return this.page.locator(`li#reply-${id}`);
  }
  /** A reply's own card (without the answers beneath it). */
  replyCard(id: number): Locator {
    return this.reply(id).locator(':scope > article');
  }
  /** The answers nested under a reply (`ol.children`). */
  answersTo(id: number): Locator {
    return this.reply(id).locator(':scope > ol.children');
  }
  /** Every reply on the page, in document order. */
  get replies(): Locator {
    return this.page.locator('li.reply');
  }
  /** The notice a held reply carries for its own author. */
  moderationNotice(id: number): Locator {
    return this.replyCard(id).getByText('Your comment is awaiting moderation.');
  }
  /** The "Reply" link on a reply (its accessible name is "Reply to NAME"). */
  replyLink(authorName: string): Locator {
    return this.page.getByRole('link', { name: `Reply to ${authorName}`, exact: true });
  }
}
