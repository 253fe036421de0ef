import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/modules/jobs/index.js';
import { adminDate } from '../../src/web/views/admin/audit-list.js';
import { adminPost, makeUser, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import type { CookieJar } from '../support/http.js';
import { makeArticle } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** A receiver that answers 503 with a long text the first time, then 200 "thanks". */
async function receiver(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      if (received.length === 1) res.writeHead(503).end(`Busy <b>now</b>, ${'try later '.repeat(50)}`);
      else res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe.each(testDatabases)('webhooks in the newsroom ($name)', (database) => {
  const t = useTestApp(database);
  let admin: { jar: CookieJar; csrf: string };
  let r: Awaited<ReturnType<typeof receiver>>;

  beforeEach(async () => {
    admin = await signedInAs(t.container, await makeUser(t.container, 'administrator'));
    r = await receiver();
  });
  afterEach(() => {
    r.server.close();
  });

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...admin.jar.header() } });
  const add = (fields: Record<string, string | string[]>) =>
    adminPost(t.app, '/admin/webhooks', { _csrf: admin.csrf, ...fields }, admin.jar);

  it('shows the signing secret once, then lists deliveries with status, attempts, the answer and the next attempt', async () => {
    const added = await add({ url: r.url, events: ['article.published', 'reply.held'] });
    expect(added.statusCode).toBe(200);
    const [hook] = await t.container.webhooks.list();
    expect(added.body).toContain(`value="${hook!.secret}"`);
    expect(added.body).toContain('This is the only time the newsroom shows it.');
    expect((await page('/admin/webhooks')).body).not.toContain(hook!.secret);

    await makeArticle(t.container);
    await waitFor(async () => (await t.container.webhooks.recentDeliveries(hook!.id)).length === 1);
    await t.container.jobs.runDue();
    const failed = (await page(`/admin/webhooks/${hook!.id}`)).body;
    expect(failed).not.toContain(hook!.secret);
    expect(failed).toContain('<code>article.published</code>');
    expect(failed).toContain('pending</span>');
    expect(failed).toContain('<strong>503</strong>');
    // The receiver's text, escaped and cut short.
    expect(failed).toContain('Busy &lt;b>now&lt;/b>, try later');
    expect(failed).not.toContain('try later '.repeat(20));
    expect(failed).toContain(adminDate(new Date(t.clock.now().getTime() + retryDelayMs(1))));

    t.clock.advance(retryDelayMs(1));
    await t.container.jobs.runDue();
    const delivered = (await page(`/admin/webhooks/${hook!.id}`)).body;
    expect(delivered).toContain('delivered</span>');
    expect(delivered).toMatch(/<td>2<\/td><td><strong>200<\/strong> <code class="excerpt">thanks<\/code>/);
  });

  it('sends a test delivery on request, and queues nothing new while paused', async () => {
    await add({ url: r.url, events: 'article.published' });
    const [hook] = await t.container.webhooks.list();
    const tested = await adminPost(t.app, `/admin/webhooks/${hook!.id}/test`, { _csrf: admin.csrf }, admin.jar);
    expect(tested.headers.location).toBe(`/admin/webhooks/${hook!.id}?done=test`);
    await t.container.jobs.runDue();
    expect(JSON.parse(r.received[0]!)).toMatchObject({ event: 'webhook.test', data: { webhook: { id: hook!.id } } });
    expect((await page(`/admin/webhooks/${hook!.id}`)).body).toContain('<code>webhook.test</code>');

    await adminPost(t.app, `/admin/webhooks/${hook!.id}/disable`, { _csrf: admin.csrf }, admin.jar);
    expect((await page(`/admin/webhooks/${hook!.id}?done=disabled`)).body).toContain('Resume deliveries');
    expect(await t.container.webhooks.announce('article.published', 'paused-check', {})).toBe(0);
    await adminPost(t.app, `/admin/webhooks/${hook!.id}/enable`, { _csrf: admin.csrf }, admin.jar);
    expect(await t.container.webhooks.announce('article.published', 'resumed-check', {})).toBe(1);

    const removed = await adminPost(t.app, `/admin/webhooks/${hook!.id}/remove`, { _csrf: admin.csrf }, admin.jar);
    expect(removed.headers.location).toBe('/admin/webhooks?done=removed');
    expect(await t.container.webhooks.list()).toEqual([]);
    expect((await page(`/admin/webhooks/${hook!.id}`)).statusCode).toBe(404);
  });

  it.each([
    ['ftp://example.org/hook', 'The address must start with https:// or http://.'],
    ['javascript:alert(1)', 'The address must start with https:// or http://.'],
    ['https://user:secret@example.org/hook', 'Leave passwords out of the address'],
    ['not a url', 'Enter a full address starting with https://'],
    ['', 'Enter a full address starting with https://'],
    [`https://example.org/${'a'.repeat(10_240)}`, 'The address is too long'],
  ])('refuses the address %s with a message next to the field, keeping the text and the ticks', async (url, message) => {
    const refused = await add({ url, events: ['reply.held', 'reply.approved'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(new RegExp(`id="error-url">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // (preact writes an empty value as a bare attribute)
    if (url) expect(refused.body).toContain(`name="url" type="url" value="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    expect(refused.body).toContain('id="event-reply-held" value="reply.held" checked');
    expect(refused.body).toContain('id="event-reply-approved" value="reply.approved" checked');
    expect(await t.container.webhooks.list()).toEqual([]);
  });

  it('refuses a webhook without a known event, and a body without fields, with a message', async () => {
    const bodies: Record<string, string>[] = [
      { url: 'https://example.org/hook' },
      { url: 'https://example.org/hook', events: 'article.deleted' },
      {},
    ];
    for (const fields of bodies) {
      const refused = await add(fields);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toMatch(/id="error-(events|url)">/);
    }
    expect(await t.container.webhooks.list()).toEqual([]);
  });
});
