import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobQueue, type JobQueue } from '../../src/modules/jobs/index.js';
import { createStorage, type Storage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

describe.each(testDatabases)('the job queue on $name', (database) => {
  let ctx: TestContext;
  let jobs: JobQueue;
  const extra: Storage[] = [];
  beforeEach(async () => {
    ctx = await createTestContext(database);
    jobs = ctx.container.jobs;
  });
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await ctx.close();
  });

  /** Another node's queue: its own connections to the same database (one shared connection for in-memory SQLite). */
  function anotherNode(options: { leaseMs?: number } = {}): JobQueue {
    let storage = ctx.storage;
    if (!(ctx.storage.target.dialect === 'sqlite' && ctx.storage.target.file === ':memory:')) {
      storage = createStorage(ctx.storage.target, { poolSize: 3 });
      extra.push(storage);
    }
    return createJobQueue({ db: storage.db, caps: storage.caps, clock: ctx.clock, logger: ctx.container.logger, ...options });
  }

  it('runs a queued job once and marks it done', async () => {
    const seen: unknown[] = [];
    jobs.handle<{ to: string }>('mail.test', async (payload, { attempt }) => {
      seen.push({ ...payload, attempt });
    });
    const id = await jobs.enqueue('mail.test', { to: 'ada@example.org' });
    expect(id).toBeGreaterThan(0);
    expect(await jobs.runDue()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(seen).toEqual([{ to: 'ada@example.org', attempt: 1 }]);
    expect(await jobs.counts()).toMatchObject({ pending: 0, running: 0, done: 1 });
  });

  it('waits for runAt, and queues a unique key only once', async () => {
    jobs.handle('later', async () => {});
    const runAt = new Date(ctx.clock.now().getTime() + 60_000);
    expect(await jobs.enqueue('later', null, { runAt, uniqueKey: 'k1' })).toBeGreaterThan(0);
    expect(await jobs.enqueue('later', null, { runAt, uniqueKey: 'k1' })).toBeUndefined();
    expect((await jobs.runDue()).done).toBe(0);
    ctx.clock.advance(60_000);
    expect((await jobs.runDue()).done).toBe(1);
  });

  it('commits a job with the caller’s transaction, or not at all', async () => {
    jobs.handle('outbox', async () => {});
    await expect(
      ctx.storage.db.transaction().execute(async (trx) => {
        await jobs.enqueue('outbox', { n: 1 }, {}, trx);
        throw new Error('the thing that caused it failed');
      }),
    ).rejects.toThrow('caused it failed');
    expect(await jobs.counts()).toMatchObject({ pending: 0 });
    await ctx.storage.db.transaction().execute((trx) => jobs.enqueue('outbox', { n: 2 }, {}, trx));
    expect(await jobs.counts()).toMatchObject({ pending: 1 });
  });

  it('retries a failing job with backoff, then gives up and keeps the error', async () => {
    let runs = 0;
    jobs.handle('flaky', async () => {
      runs += 1;
      throw new Error(`SMTP said no (${runs})`);
    });
    await jobs.enqueue('flaky', {}, { maxAttempts: 3 });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    expect((await jobs.runDue()).retried).toBe(0); // not before its backoff
    ctx.clock.advance(4_999);
    expect((await jobs.runDue()).retried).toBe(0);
    ctx.clock.advance(1);
    expect((await jobs.runDue()).retried).toBe(1); // second attempt after 5 s
    ctx.clock.advance(10_000);
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 1 }); // third and last, after 10 s
    expect(runs).toBe(3);
    const row = await ctx.storage.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Error: SMTP said no (3)' });
  });

  it('logs each failed run to the logger: a warning while it will retry, an error when it gives up', async () => {
    const { logger, lines } = captureLogs();
    const queue = createJobQueue({ db: ctx.storage.db, caps: ctx.storage.caps, clock: ctx.clock, logger });
    queue.handle('doomed', async () => {
      throw new Error('SMTP said no');
    });
    const id = await queue.enqueue('doomed', {}, { maxAttempts: 2 });
    await queue.runDue();
    ctx.clock.advance(5_000);
    await queue.runDue();
    expect(
      lines.map((l) => ({ level: l.level, jobId: l.jobId, job: l.job, attempt: l.attempt, error: l.err?.message, msg: l.msg })),
    ).toEqual([
      { level: 40, jobId: id, job: 'doomed', attempt: 1, error: 'SMTP said no', msg: `job ${id} (doomed) failed on attempt 1, will retry` },
      { level: 50, jobId: id, job: 'doomed', attempt: 2, error: 'SMTP said no', msg: `job ${id} (doomed) failed on attempt 2, giving up` },
    ]);
  });

  it('gives a dead node’s job to another once its lease ends, and ignores the late finisher', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    jobs.handle('slow', () => stuck);
    await jobs.enqueue('slow', {});
    const firstRun = jobs.runDue();
    await waitFor(async () => (await jobs.counts()).running === 1);

    const other = anotherNode();
    let ranElsewhere = 0;
    other.handle('slow', async () => {
      ranElsewhere += 1;
    });
    expect((await other.runDue()).done).toBe(0); // the lease (5 min) still holds
    ctx.clock.advance(5 * 60_000 + 1);
    expect((await other.runDue()).done).toBe(1);
    release();
    await firstRun;
    expect(ranElsewhere).toBe(1);
    expect(await jobs.counts()).toMatchObject({ done: 1, running: 0, pending: 0 });
  });

  it('runs each job exactly once with several nodes claiming at the same time', async () => {
    const total = 120;
    const runs = new Map<number, number>();
    const nodes = [jobs, anotherNode(), anotherNode(), anotherNode()];
    nodes.forEach((node, n) =>
      node.handle<{ i: number }>('count', async (payload) => {
        runs.set(payload.i, (runs.get(payload.i) ?? 0) + 1);
        // Yield between claim and finish so the nodes' work interleaves.
        await new Promise((resolve) => setImmediate(resolve, n));
      }),
    );
    for (let i = 0; i < total; i++) await jobs.enqueue('count', { i });

    const perNode = await Promise.all(
      nodes.map(async (node) => {
        let done = 0;
        for (let round = 0; round < 200; round++) {
          const report = await node.runDue(4);
          done += report.done;
          if (report.done === 0 && (await node.counts()).pending === 0) break;
        }
        return done;
      }),
    );
    expect(perNode.reduce((a, b) => a + b, 0)).toBe(total);
    expect(runs.size).toBe(total);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(await jobs.counts()).toMatchObject({ pending: 0, running: 0, done: total, failed: 0 });
    if (database.name === 'postgres') expect(perNode.filter((n) => n > 0).length).toBeGreaterThan(1);
  });
});
