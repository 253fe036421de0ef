import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { MAX_ROW_ID } from '../../src/lib/row-id.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp } from '../support/test-app.js';

/*
 * Ids from outside past the largest a row can have (PostgreSQL's `integer`): found by the hostile
 * suite as a 500 for a reply form naming comment 999999999999. Each is a clear 4xx, or ignored
 * where the value is only a hint, on both databases.
 */
const slug = demoArticle.slug!;
const tooLarge = [String(MAX_ROW_ID + 1), '999999999999'];
const cursorWithId = (id: number, first: string) => Buffer.from(JSON.stringify([first, id])).toString('base64url');

describe.each(testDatabases)('ids past any row on $name', (database) => {
  const site = useTestApp(database);

  it.each(tooLarge)('refuses a reply form answering comment %s with 422 and the reason, keeping the text', async (id) => {
    const response = await site.app.inject({
      method: 'POST',
      url: `/articles/${slug}/replies`,
      headers: { accept: 'text/html', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        comment: 'A fair point about the talks.',
        author: 'Ada Reader',
        email: 'ada@example.org',
        comment_parent: id,
      }).toString(),
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('not a valid comment number');
    expect(response.body).toContain('A fair point about the talks.');
  });

  it.each(tooLarge)('refuses the JSON API answering comment %s with 422', async (id) => {
    const response = await site.app.inject({
      method: 'POST',
      url: `/api/articles/${slug}/replies`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ comment: 'A fair point.', author: 'Ada Reader', email: 'ada@example.org', comment_parent: Number(id) }),
    });
    expect(response.statusCode).toBe(422);
  });

  it.each(tooLarge)('ignores ?replytocom=%s and shows the article', async (id) => {
    const response = await site.app.inject(`/articles/${slug}?replytocom=${id}`);
    expect(response.statusCode).toBe(200);
  });

  it('refuses a reply-list cursor naming an id past any row with 422', async () => {
    const response = await site.app.inject(
      `/api/articles/${slug}/replies?after=${cursorWithId(MAX_ROW_ID + 1, '2026-01-01T00:00:00.000Z')}`,
    );
    expect(response.statusCode).toBe(422);
  });

  it('refuses an article-list cursor naming an id past any row with a 4xx', async () => {
    const response = await site.app.inject(`/api/v1/articles?after=${cursorWithId(MAX_ROW_ID + 1, '2026-01-01T00:00:00.000Z')}`);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});
