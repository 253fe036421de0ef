import { describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { buildThreads, type Reply } from '../../src/modules/replies/index.js';
import type { NewReplyRow } from '../../src/modules/replies/replies.table.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';
import { useTestApp } from '../support/test-app.js';

const CHAIN = 7_200;

/**
 * Stores a chain of `length` approved replies, each answering the one before, in a few statements:
 * the rows go in unthreaded, then one update points each at the reply stored just before it. The
 * write path would take minutes for this many; what is tested here is reading them back.
 */
async function storeChain(container: Container, articleId: number, length: number): Promise<number[]> {
  const db = container.storage.db;
  const start = Date.UTC(2026, 0, 1);
  const rows: NewReplyRow[] = Array.from({ length }, (_, i) => ({
    article_id: articleId,
    parent_id: null,
    author_name: `Reader ${i}`,
    author_email: `reader${i}@example.org`,
    author_email_hash: `${i}`.padStart(64, '0'),
    author_url: '',
    body: `Answer number ${i}, see https://example.org/${i}.`,
    status: 'approved',
    created_at: new Date(start + i * 1000).toISOString(),
    ip: '10.9.9.9',
    user_agent: 'test',
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('replies')
      .values(rows.slice(i, i + 500))
      .execute();
  const ids = (await db.selectFrom('replies').select('id').where('article_id', '=', articleId).orderBy('id').execute()).map((r) => r.id);
  // Nothing else writes to this test's database, so the ids of one run of inserts follow each other.
  expect(ids.at(-1)! - ids[0]!).toBe(length - 1);
  await db
    .updateTable('replies')
    .set((eb) => ({ parent_id: eb('id', '-', 1) }))
    .where('article_id', '=', articleId)
    .where('id', '>', ids[0]!)
    .execute();
  return ids;
}

/** How deep `<ol class="children">` lists nest in a page. */
function deepestNesting(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<ol class="children">|<\/ol>/g)) {
    depth = m[0] === '</ol>' ? Math.max(0, depth - 1) : depth + 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

describe('building threads', () => {
  it('arranges a chain of 20,000 answers without recursion, nesting no deeper than the setting', () => {
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    const replies: Reply[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: i + 1,
      articleId: 1,
      parentId: i === 0 ? null : i,
      authorName: 'A',
      authorUrl: '',
      authorFingerprint: 'f'.repeat(64),
      body: 'x',
      status: 'approved',
      createdAt: new Date(at + i),
    }));
    const threads = buildThreads(replies, { maxDepth: 3, order: 'oldest' });
    expect(threads).toHaveLength(1);
    const second = threads[0]!.children[0]!;
    const third = second.children[0]!;
    // Deeper answers join the deepest level, in the order they were written.
    expect(third.children).toEqual([]);
    expect(second.children.map((r) => r.id).slice(0, 3)).toEqual([3, 4, 5]);
    expect(second.children).toHaveLength(19_998);
    expect(second.children.every((r) => r.depth === 3)).toBe(true);
  });
});

describe.each(testDatabases)('a 7,200-deep reply chain on $name', (database) => {
  const site = useTestApp(database);

  it('shows the article page with every reply, nested no deeper than the thread-depth setting', async () => {
    const article = await makeArticle(site.container, { slug: 'deep-chain' });
    const ids = await storeChain(site.container, article.id, CHAIN);
    // The write path still answers at the bottom of the chain (its depth walk is capped).
    const last = await site.container.replies.post(
      replyFields({ articleId: article.id, parentId: ids.at(-1)!, email: 'last@example.org', author: 'Last' }),
      sender(),
    );
    await site.container.replies.changeReplyStatus([last.id], 'approved', { kind: 'system', id: null, name: 'test setup' });

    const page = await site.app.inject(`/articles/${article.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`id="reply-${ids[0]}"`);
    expect(page.body).toContain(`id="reply-${ids.at(-1)}"`);
    expect(page.body).toContain(`id="reply-${last.id}"`);
    expect(page.body.match(/<li id="reply-/g)).toHaveLength(CHAIN + 1);
    // The default depth is 5: the article's list, then four levels of answers.
    expect(deepestNesting(page.body)).toBe(4);
  });

  it('pages the JSON API: at most 100 replies a page by default and 500 when asked, with a cursor to the next page', async () => {
    const article = await makeArticle(site.container, { slug: 'deep-chain-api' });
    const ids = await storeChain(site.container, article.id, CHAIN);

    const first = await site.app.inject(`/api/articles/${article.slug}/replies`);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.replies).toHaveLength(100);
    expect(body.replies[0].id).toBe(ids[0]);
    expect(body.page).toMatchObject({ limit: 100, maxLimit: 500 });
    expect(typeof body.page.next).toBe('string');

    const seen: number[] = [];
    let url: string | null = `/api/articles/${article.slug}/replies?limit=1000`;
    let pages = 0;
    while (url) {
      const response: { statusCode: number; json(): any } = await site.app.inject(url);
      expect(response.statusCode).toBe(200);
      const json: { page: { limit: number; next: string | null }; replies: { id: number }[] } = response.json();
      // Asking for more than the maximum gets the maximum, and the answer says so.
      expect(json.page.limit).toBe(500);
      expect(json.replies.length).toBeLessThanOrEqual(500);
      seen.push(...json.replies.map((r) => r.id));
      url = json.page.next;
      pages++;
    }
    expect(pages).toBe(Math.ceil(CHAIN / 500));
    expect(seen).toEqual(ids);
    expect(first.body.length).toBeLessThan(64 * 1024);
  });

  it('refuses a cursor it did not make, and a limit that is not a number, with a message', async () => {
    const bad = await site.app.inject(`/api/articles/${(await makeArticle(site.container)).slug}/replies?after=nonsense`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({
      error: { code: 'invalid', field: 'after', message: 'The "after" cursor is not one this API gave out. Start again without it.' },
    });
    const limit = await site.app.inject(`/api/articles/${(await makeArticle(site.container)).slug}/replies?limit=-3`);
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.field).toBe('limit');
  });
});
