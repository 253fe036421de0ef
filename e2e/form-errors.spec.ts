import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage, type FieldName } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * "Bad input gets a clear message next to the field, the reader's text kept in the form, nothing
 * lost" (PRODUCT.md), whether the script shows the messages in place or the server sends the
 * article back after a plain POST.
 */
describe.skipIf(!hasChromium).each([
  { mode: 'with JavaScript on', javaScriptEnabled: true },
  { mode: 'with JavaScript off', javaScriptEnabled: false },
])('a refused reply, $mode', ({ javaScriptEnabled }) => {
  const ctx = useSiteAndBrowser();
  let context: BrowserContext;
  let article: ArticlePage;

  /** Checks a field carries its message right beside it, tied to it for assistive technology. */
  async function expectMessageBeside(field: FieldName, message: string): Promise<void> {
    const error = article.fieldError(field);
    expect(await error.isVisible()).toBe(true);
    expect((await error.textContent())?.trim()).toBe(message);
    const input = article.field(field);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(`${field}-error`);
    expect(
      await input.evaluate((el, id) => el.closest('.field') === document.getElementById(id)?.closest('.field'), `${field}-error`),
    ).toBe(true);
  }

  async function expectNoMessage(field: FieldName): Promise<void> {
    expect(await article.fieldError(field).isVisible()).toBe(false);
    expect(await article.field(field).getAttribute('aria-invalid')).toBeNull();
  }

  beforeEach(async () => {
    ctx.site.passFloodInterval();
    context = await newReader(ctx.browser, ctx.site.baseUrl, { javaScriptEnabled });
    article = await new ArticlePage(await context.newPage(), demoSlug).goto();
  });
  afterEach(async () => {
    await context.close();
  });

  it('marks Comment, Name and Email when the form is sent empty', async () => {
    await article.submitRefused();

    expect(await article.formAlert.textContent()).toBe('Please correct the fields marked below; your text is kept.');
    await expectMessageBeside('comment', 'Please type your comment.');
    await expectMessageBeside('author', 'Please enter your name.');
    await expectMessageBeside('email', 'Please enter your email address.');
    await expectNoMessage('url');
    if (javaScriptEnabled) {
      // The script takes the reader to the first field to fix.
      expect(await article.comment.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    expect(await article.replies.count()).toBe(0);
  });

  it('keeps the comment and website typed when only name and email are missing', async () => {
    const comment = 'A reply typed with care,\nover two lines — and a dash.';
    await article.submitRefused({ comment, url: 'https://example.org/blog', remember: true });

    await expectMessageBeside('author', 'Please enter your name.');
    await expectMessageBeside('email', 'Please enter your email address.');
    await expectNoMessage('comment');
    await expectNoMessage('url');
    expect(await article.comment.inputValue()).toBe(comment);
    expect(await article.website.inputValue()).toBe('https://example.org/blog');
    expect(await article.remember.isChecked()).toBe(true);
  });

  it('explains an invalid email address and keeps everything else', async () => {
    await article.submitRefused({ comment: 'Keep this text.', author: 'Lena Berg', email: 'lena.berg-at-example.org' });

    await expectMessageBeside('email', 'Please enter a valid email address, such as name@example.com.');
    await expectNoMessage('comment');
    await expectNoMessage('author');
    expect(await article.comment.inputValue()).toBe('Keep this text.');
    expect(await article.author.inputValue()).toBe('Lena Berg');
    expect(await article.email.inputValue()).toBe('lena.berg-at-example.org');
  });

  it('says "too quickly" for a second reply within the flood interval, keeping its text', async () => {
    const me = { author: 'Pia Lund', email: 'pia.lund@example.org' };
    if (javaScriptEnabled) await article.postInline({ comment: 'My first thought.', ...me });
    else await article.postPlain({ comment: 'My first thought.', ...me });

    await article.submitRefused({ comment: 'And a second one, straight away.', ...me });

    expect(await article.formAlert.textContent()).toBe('You are posting comments too quickly. Slow down.');
    expect(await article.comment.inputValue()).toBe('And a second one, straight away.');
    expect(await article.author.inputValue()).toBe(me.author);
    expect(await article.email.inputValue()).toBe(me.email);
  });

  it('refuses the same reply twice, saying so beside the comment', async () => {
    const me = { comment: 'Saying this only once.', author: 'Ugo Rossi', email: 'ugo.rossi@example.org' };
    if (javaScriptEnabled) await article.postInline(me);
    else await article.postPlain(me);
    ctx.site.passFloodInterval();

    await article.submitRefused(me);

    await expectMessageBeside('comment', 'Duplicate comment detected; it looks as though you’ve already said that!');
    expect(await article.comment.inputValue()).toBe(me.comment);
  });

  it('accepts the corrected form afterwards', async () => {
    await article.submitRefused({ comment: 'Second time lucky.' });
    const fields = { author: 'Omar Haddad', email: 'omar.haddad@example.org' };
    const id = javaScriptEnabled ? await article.postInline(fields) : await article.postPlain(fields);

    expect(await article.replyCard(id).getByText('Second time lucky.').isVisible()).toBe(true);
    expect(await article.formAlert.isVisible()).toBe(false);
  });
});
