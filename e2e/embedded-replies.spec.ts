import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testModerator } from '../test/support/factories.js';
import { DeskPage } from './pages/admin-pages.js';
import { addStaff, staffBrowser } from './support/admin-browser.js';
import { runAxe, seriousOnes } from './support/axe.js';
import { hasChromium, newReader } from './support/browser.js';
import { useSiteAndBrowser } from './support/fixtures.js';
import { blogPost, startHostSite, type HostSite } from './support/host-site.js';

/*
 * Issue 15, "what it must show": a static blog on another port of 127.0.0.1 (another origin) embeds
 * Gazette's replies with the documented snippet. The thread loads, a reply posts and shows its
 * notice, a moderator approves it, another reader sees it; a page on an origin not allowed gets
 * nothing and stores nothing; no request leaves the two sites; axe-core finds nothing serious.
 */
describe.skipIf(!hasChromium)('replies embedded on another site', () => {
  const ctx = useSiteAndBrowser();
  let blog: HostSite;
  let stranger: HostSite;
  const contexts: BrowserContext[] = [];
  /** Every address any page asked for. */
  const requested: string[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    const gazette = ctx.site.baseUrl;
    blog = await startHostSite((origin) => ({
      '/posts/harbour/': blogPost({ gazette, title: 'The harbour plan', canonical: `${origin}/posts/harbour/` }),
      '/posts/dark/': blogPost({
        gazette,
        title: 'A dark page',
        // A host's override trying to smuggle markup through a custom property: it stays a (bad) colour.
        attributes: `data-theme="dark" style="--gazette-link: '</style><script>window.injected = 1</script>'; --gazette-font: x</style><img src=x onerror=window.injected=2>"`,
        style: 'body { background: #111; color: #eee; }',
      }),
    }));
    stranger = await startHostSite(() => ({ '/post/': blogPost({ gazette, title: 'Not allowed here' }) }));
    // The newsroom allows the blog (Discussion settings), not the stranger.
    await ctx.site.container.discussion.update({ embedOrigins: [blog.origin] }, testModerator);
  });
  afterAll(async () => {
    await blog?.close();
    await stranger?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function reader(): Promise<Page> {
    const context = await newReader(ctx.browser, blog.origin, { bypassCSP: true });
    contexts.push(context);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    return page;
  }

  async function replyCount(): Promise<number> {
    const row = await ctx.site.container.storage.db
      .selectFrom('replies')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('loads the thread, posts a held reply with its notice, keeps it for its author, and shows it to others once approved', async () => {
    const page = await reader();
    await page.goto('/posts/harbour/');
    const form = page.getByRole('region', { name: 'Replies' });
    // embed.js builds the form after its one request for the thread: wait for it, do not sample it.
    await form.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
    ctx.site.passMinimumFillTime();

    // A refused post: the message next to the field, the text kept.
    await page.getByLabel('Comment *').fill('A thought on the harbour plan from a reader of the blog.');
    await page.getByLabel('Name *').fill('Noor Blogreader');
    await page.getByLabel('Email *').fill('not-an-address');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('#email-error').waitFor({ state: 'visible' });
    expect(await page.getByLabel('Comment *').inputValue()).toBe('A thought on the harbour plan from a reader of the blog.');

    await page.getByLabel('Email *').fill('noor@example.org');
    await page.getByLabel('Save my name, email, and website in this browser for the next time I comment.').check();
    ctx.site.passFloodInterval();
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByRole('status').filter({ hasText: 'Your comment is awaiting moderation.' }).waitFor();
    await page.locator('li.reply .awaiting-moderation').waitFor();

    // The page and the reply are stored; the page by its canonical address and title.
    const [stored] = await ctx.site.container.storage.db.selectFrom('embed_pages').selectAll().execute();
    expect(stored).toMatchObject({ origin: blog.origin, url: `${blog.origin}/posts/harbour/`, title: 'The harbour plan' });

    // After a reload: their own held reply with its notice, and their name remembered (this page's storage).
    await page.reload();
    await page.locator('li.reply .awaiting-moderation', { hasText: 'Your comment is awaiting moderation.' }).waitFor();
    expect(await page.getByLabel('Name *').inputValue()).toBe('Noor Blogreader');

    // Another reader does not see it while it waits...
    const other = await reader();
    await other.goto('/posts/harbour/');
    await other.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
    expect(await other.getByText('A thought on the harbour plan').count()).toBe(0);

    // ...a moderator approves it on the desk, filtered to the blog, where the reply shows its page...
    const id = (
      await ctx.site.container.storage.db
        .selectFrom('replies')
        .select('id')
        .where('article_id', '=', stored!.article_id)
        .executeTakeFirstOrThrow()
    ).id;
    const moderator = await addStaff(ctx.site, 'editor', 'Mina Moderator');
    const desk = await new DeskPage(await staffBrowser(ctx.browser, ctx.site, moderator)).goto();
    contexts.push(desk.page.context());
    await desk.page.getByLabel('Site').selectOption(blog.origin);
    await Promise.all([desk.page.waitForURL(/site=/), desk.page.getByRole('button', { name: 'Search' }).click()]);
    await desk.page.getByRole('link', { name: 'The harbour plan' }).first().waitFor();
    await desk.select(id, 'Noor Blogreader').check();
    await desk.action.selectOption('approve');
    await desk.apply();
    expect(await desk.notice.textContent()).toBe('1 reply approved.');

    // ...and then the other reader sees it, and can answer it (Reply / Cancel reply).
    await other.reload();
    await other.getByText('A thought on the harbour plan from a reader of the blog.').waitFor();
    expect(await other.locator('.awaiting-moderation').count()).toBe(0);
    await other.getByRole('link', { name: 'Reply to Noor Blogreader' }).click();
    await other.getByRole('heading', { name: 'Leave a Reply to Noor Blogreader' }).waitFor();
    await other.getByRole('link', { name: 'Cancel reply' }).click();
    await other.getByRole('heading', { name: 'Leave a Reply', exact: true }).waitFor();
  });

  it('gives a page on a site that is not allowed nothing, says why in the console, and stores nothing', async () => {
    const before = await replyCount();
    const page = await reader();
    const seen = page.waitForEvent('console', (m) => m.type() === 'warning' && m.text().includes('Gazette replies'));
    await page.goto(`${stranger.origin}/post/`);
    expect((await seen).text()).toMatch(/not on Gazette's list of allowed sites/);
    expect(await page.getByRole('button', { name: 'Post Comment' }).count()).toBe(0);
    expect(await page.locator('input[name="form_token"]').count()).toBe(0);
    expect(await replyCount()).toBe(before);
    const pages = await ctx.site.container.storage.db.selectFrom('embed_pages').select('origin').execute();
    expect(pages.map((p) => p.origin)).not.toContain(stranger.origin);
  });

  it('passes axe-core in the light and the dark theme, and a hostile style override injects nothing', async () => {
    for (const path of ['/posts/harbour/', '/posts/dark/']) {
      const page = await reader();
      await page.goto(path);
      await page.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
      const violations = await runAxe(page, `embedded thread on ${path}`);
      expect(seriousOnes(violations).map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    }
  });

  it('asked nothing of anyone but the two sites', () => {
    const allowed = new Set([ctx.site.baseUrl, blog.origin, stranger.origin]);
    const elsewhere = requested.filter((url) => !url.startsWith('data:') && !allowed.has(new URL(url).origin));
    expect(requested.length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
  });
});
