import type { BrowserContext } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticlePage } from './pages/article-page.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { demoSlug } from './support/site.js';

/*
 * "Notify me of follow-up replies by email" (issue 13): off by default, and ticking it asks for
 * notifications whether the script posts the form inline or the browser posts it plainly.
 */
describe.skipIf(!hasChromium).each([
  { mode: 'with JavaScript on', javaScriptEnabled: true },
  { mode: 'with JavaScript off', javaScriptEnabled: false },
])('the notify checkbox, $mode', ({ javaScriptEnabled }) => {
  const ctx = useSiteAndBrowser();
  let context: BrowserContext;
  let article: ArticlePage;

  beforeEach(async () => {
    ctx.site.passFloodInterval();
    context = await newReader(ctx.browser, ctx.site.baseUrl, { javaScriptEnabled });
    article = await new ArticlePage(await context.newPage(), demoSlug).goto();
    ctx.site.passMinimumFillTime();
  });
  afterEach(async () => {
    await context.close();
  });

  async function subscriptionOf(replyId: number) {
    return ctx.site.container.storage.db.selectFrom('notify_subscriptions').selectAll().where('reply_id', '=', replyId).executeTakeFirst();
  }

  async function post(fields: Parameters<ArticlePage['fill']>[0]): Promise<number> {
    return javaScriptEnabled ? article.postInline(fields) : article.postPlain(fields);
  }

  it('is off by default, and a reply posted without it asks for nothing', async () => {
    expect(await article.notifyMe.isVisible()).toBe(true);
    expect(await article.notifyMe.isChecked()).toBe(false);
    const id = await post({
      comment: `No mail for me, thanks (${javaScriptEnabled ? 'js' : 'plain'}).`,
      author: 'Quiet Reader',
      email: 'quiet@example.org',
    });
    expect(await subscriptionOf(id)).toBeUndefined();
  });

  it('ticked, subscribes the reply, waiting for the mailed confirmation', async () => {
    await article.notifyMe.check();
    const id = await post({
      comment: `Tell me when someone answers (${javaScriptEnabled ? 'js' : 'plain'}).`,
      author: 'Curious Reader',
      email: 'curious@example.org',
    });
    const subscription = await subscriptionOf(id);
    expect(subscription?.status).toBe('pending');
    expect(JSON.stringify(subscription)).not.toContain('curious@example.org');
  });
});
