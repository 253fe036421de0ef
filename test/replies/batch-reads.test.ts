import { createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { readOncePerBatch, shareBatchReads } from '../../src/storage/batch-reads.js';
import type { Storage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { TEST_START, testConfig } from '../support/test-app.js';

/** Notes the SQL of every SELECT run through the database it is plugged into. */
class SelectCounter implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    if (args.node.kind === 'SelectQueryNode') this.nodes.push(args.node);
    return args.node;
  }
  async transformResult<T>(args: { result: T }): Promise<T> {
    return args.result;
  }
}

/*
 * Issue 12: the reads every reader's post needs (rules, spam lessons, the newsroom's names, the
 * webhooks, the article) are read once per group-commit batch, inside its transaction, instead of
 * once per post.
 */
describe.each(testDatabases)('reads shared by the posts of one batch on $name', (database) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function site() {
    const storage: Storage = await database.open();
    const counter = new SelectCounter();
    const container: Container = createContainer(testConfig(), {
      storage: { ...storage, db: storage.db.withPlugin(counter) },
      clock: new ManualClock(TEST_START),
    });
    await publishDemoArticleIfEmpty(container);
    await container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test' });
    const app = await buildApp(container, { logger: false });
    close = async () => {
      await app.close();
      await container.close();
    };
    /** Each SELECT run, as its SQL and the values it was given. */
    const statements = () =>
      counter.nodes.map((node) => {
        const compiled = storage.db.getExecutor().compileQuery(node, createQueryId());
        return `${compiled.sql} ${JSON.stringify(compiled.parameters)}`;
      });
    const post = (i: number, extra: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/articles/${demoArticle.slug}/replies`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          comment: `Simultaneous thought number ${i}.`,
          author: `Reader ${i}`,
          email: `reader${i}@example.org`,
          ...extra,
        }),
      });
    return { container, counter, statements, post };
  }

  it('reads the rules, lessons, names, webhooks and article once for many simultaneous posts', async () => {
    const { counter, statements, post } = await site();
    counter.nodes.length = 0;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const count = (pattern: RegExp) => statements().filter((sql) => pattern.test(sql)).length;
    // How many batches the twenty posts formed depends on timing (and PostgreSQL runs four at
    // once); whatever it was, each batch reads each of these once: the same count for all, and
    // far fewer than one per post (twenty each before). The answers show each reply with the
    // rules it was posted under, so the rules are not read again per answer either.
    const counts = [
      /from "settings" where "key" = (?:\?|\$1) \["discussion"\]/,
      /from "spam_training" where "id" > /,
      /from "users"/,
      /from "webhooks"/,
      /from "articles" where "id" = /,
    ].map(count);
    const batches = counts[0]!;
    expect(counts).toEqual(Array(counts.length).fill(batches));
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThan(20);
  });

  it('holds the next batch to rules changed after the last one', async () => {
    const { container, post } = await site();
    expect((await post(1)).statusCode).toBe(201);
    await container.discussion.update({ requireNameEmail: true }, { kind: 'system', id: null, name: 'test' });
    const refused = await post(2, { author: '', email: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Please enter your name.');
  });
});

describe('a read shared by one batch', () => {
  it('is read again by the next write when it failed, and read apart outside a batch', async () => {
    const trx = {} as Parameters<typeof shareBatchReads>[0];
    shareBatchReads(trx, new Map());
    let reads = 0;
    const failing = () => {
      reads += 1;
      return reads === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve(reads);
    };
    await expect(readOncePerBatch(trx, 'k', failing)).rejects.toThrow('connection lost');
    expect(await readOncePerBatch(trx, 'k', failing)).toBe(2);
    expect(await readOncePerBatch(trx, 'k', failing)).toBe(2);
    const alone = {} as Parameters<typeof shareBatchReads>[0];
    expect(await readOncePerBatch(alone, 'k', failing)).toBe(3);
    expect(await readOncePerBatch(alone, 'k', failing)).toBe(4);
  });
});
