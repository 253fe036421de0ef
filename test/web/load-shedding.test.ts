import { afterEach, describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const sqlite = testDatabases[0]!;
const repliesPath = `/api/articles/${demoArticle.slug}/replies`;

async function replyCount(t: TestApp): Promise<number> {
  const row = await t.storage.db
    .selectFrom('replies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The overload behaviour itself (several times capacity against a real process) is in
// test/hostile/overload.test.ts; here the answer a shed request gets, made certain by a heap
// threshold of 1 MB that every process is always over.
describe('load shedding', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers /health with ok while the server is within its limits', async () => {
    t = await createTestApp(sqlite);
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('sheds with 503, Retry-After and a friendly answer, keeping a posted text and storing nothing', async () => {
    t = await createTestApp(sqlite, undefined, { OVERLOAD_MAX_HEAP_MB: '1', OVERLOAD_RETRY_AFTER_S: '7' });
    const app = t.app;
    // The first memory sample is taken after the sampling interval; wait for it, not for a time.
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/health' })).statusCode === 503, { message: 'never shed' });
    const before = await replyCount(t);

    const page = await app.inject({ method: 'GET', url: `/articles/${demoArticle.slug}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('7');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('The site is very busy right now. Please try again in a few seconds.');

    const api = await app.inject({ method: 'GET', url: repliesPath });
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('7');
    expect(api.json()).toEqual({
      error: { code: 'unavailable', message: 'The site is very busy right now. Please try again in a few seconds.' },
    });

    const form = await app.inject({
      method: 'POST',
      url: `/articles/${demoArticle.slug}/replies`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ comment: 'My carefully written answer', author: 'Ada', email: 'ada@example.org' }).toString(),
    });
    expect(form.statusCode).toBe(503);
    expect(form.headers['retry-after']).toBe('7');
    expect(form.body).toContain('The site is very busy right now.');
    // The reader's text comes back in a form to send again.
    expect(form.body).toMatch(/<textarea[^>]*name="comment"[^>]*>My carefully written answer<\/textarea>/);

    const posted = await app.inject({
      method: 'POST',
      url: repliesPath,
      headers: { 'content-type': 'application/json' },
      payload: { comment: 'Another answer', author: 'Ada', email: 'ada@example.org' },
    });
    expect(posted.statusCode).toBe(503);
    expect(posted.json()).toEqual({
      error: { code: 'unavailable', message: 'The site is very busy right now. Please try again in a few seconds.' },
    });

    expect(await replyCount(t)).toBe(before);
    for (const body of [page.body, api.body, form.body, posted.body]) expect(body).not.toMatch(/\bat .+\.(?:ts|js):\d+/);
  });
});
