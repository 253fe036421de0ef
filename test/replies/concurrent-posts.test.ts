import { createHash } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { testEnv } from '../support/test-env.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const apiUrl = `/api/articles/${demoArticle.slug}/replies`;

/** Fires every post at once (app.inject runs them concurrently through the whole stack). */
function postAll(site: TestApp, bodies: { body: Record<string, string>; ip: string }[]) {
  return Promise.all(
    bodies.map(({ body, ip }) =>
      site.app.inject({
        method: 'POST',
        url: apiUrl,
        remoteAddress: ip,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
    ),
  );
}

async function storedCount(site: TestApp): Promise<number> {
  const row = await site.storage.db
    .selectFrom('replies')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

/*
 * Finding 6 of issue 7: on PostgreSQL (READ COMMITTED) the flood and duplicate checks were
 * check-then-insert, so simultaneous posts all passed the check before any had inserted.
 */
describe.each(testDatabases)('flood and duplicate rules under parallel posts on $name', (database) => {
  const site = useTestApp(database);

  it('stores exactly one of 30 simultaneous posts from one address and refuses the rest with 429', async () => {
    const responses = await postAll(
      site,
      Array.from({ length: 30 }, (_, i) => ({
        ip: '203.0.113.7',
        body: { comment: `Parallel thought number ${i}.`, author: `Reader ${i}`, email: `reader${i}@example.org`, url: '' },
      })),
    );
    expect(tally(responses.map((r) => r.statusCode))).toEqual({ 201: 1, 429: 29 });
    expect(await storedCount(site)).toBe(1);
  });

  it('stores exactly one of 10 identical simultaneous posts and refuses the rest with 409', async () => {
    // Flood control off, so only the duplicate rule stands between the copies.
    await site.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    const responses = await postAll(
      site,
      Array.from({ length: 10 }, (_, i) => ({
        ip: `198.51.100.${i + 1}`,
        body: { comment: 'Said once, sent ten times.', author: 'Min-ji', email: 'minji@example.org', url: '' },
      })),
    );
    expect(tally(responses.map((r) => r.statusCode))).toEqual({ 201: 1, 409: 9 });
    expect(await storedCount(site)).toBe(1);
  });

  it('stores exactly one of 10 identical simultaneous posts with flood control on too, the rest 409 or 429', async () => {
    const responses = await postAll(
      site,
      Array.from({ length: 10 }, (_, i) => ({
        ip: `198.51.100.${i + 1}`,
        body: { comment: 'Said once, sent ten times.', author: 'Min-ji', email: 'minji@example.org', url: '' },
      })),
    );
    const counts = tally(responses.map((r) => r.statusCode));
    expect(counts[201]).toBe(1);
    expect((counts[409] ?? 0) + (counts[429] ?? 0)).toBe(9);
    expect(await storedCount(site)).toBe(1);
  });
});

/*
 * Issue 12 (durable reply POSTs on PostgreSQL at 0.04× the floor): every post locked its sender's
 * address even with flood control off, when no rule reads it, so all readers behind one address
 * (the benchmark's 127.0.0.1, a newsroom's NAT) queued behind each other's batch commits. Another
 * session holds that address's lock here, as a batch in flight would: a post from it must not wait.
 */
const postgresDatabase = testDatabases.find((d) => d.name === 'postgres');
describe.skipIf(!postgresDatabase || !testEnv.postgresUrl)('a sender address no rule reads, on PostgreSQL', () => {
  const site = useTestApp(postgresDatabase!);

  it('does not hold up a post from an address another transaction is writing from, with flood control off', async () => {
    await site.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    const address = '192.0.2.213';
    // The same 64-bit number the PostgreSQL dialect derives for the key (advisory locks are database-wide).
    const lockNumber = createHash('sha256').update(`reply-sender:ip:${address}`).digest().readBigInt64BE(0);
    const holder = new pg.Client({ connectionString: testEnv.postgresUrl });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1::bigint)', [lockNumber.toString()]);
      const posted = postAll(site, [
        { ip: address, body: { comment: 'Not held up by my neighbour.', author: 'Ana', email: 'ana@example.org', url: '' } },
      ]).then(([response]) => response!.statusCode);
      const stalled = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000).unref());
      expect(await Promise.race([posted, stalled])).toBe(201);
    } finally {
      await holder.end(); // ends the session and its lock, so a post still waiting (the defect) finishes
    }
  });
});
