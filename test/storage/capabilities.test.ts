import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/db.js';
import type { Database } from '../../src/storage/schema.js';
import { testDatabases } from '../support/databases.js';

/** Rows a claimer can take: settings rows 'a'..'d', all 'free' to begin with. */
async function seedClaimables(storage: Storage): Promise<void> {
  await storage.db
    .insertInto('settings')
    .values(['a', 'b', 'c', 'd'].map((key) => ({ key, value: 'free' })))
    .execute();
}

/** Picks the first free row through `claimForUpdate`, as a queue's claim does. */
function pickFree(storage: Storage, trx: Transaction<Database>, limit = 1): Promise<{ key: string }[]> {
  return storage.caps
    .claimForUpdate(trx.selectFrom('settings').select('key').where('value', '=', 'free').orderBy('key').limit(limit))
    .execute();
}

/** One whole claim: pick a free row and mark it taken, in one transaction. */
function claimOne(storage: Storage, by: string): Promise<string | undefined> {
  return storage.db.transaction().execute(async (trx) => {
    const [row] = await pickFree(storage, trx);
    if (!row) return undefined;
    await trx.updateTable('settings').set({ value: by }).where('key', '=', row.key).execute();
    return row.key;
  });
}

describe.each(testDatabases)('the $name capabilities', (database) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await database.open();
    await seedClaimables(storage);
  });
  afterEach(async () => {
    await storage.close();
  });

  it('claims the rows a query picks, in its order and up to its limit', async () => {
    const picked = await storage.db.transaction().execute((trx) => pickFree(storage, trx, 2));
    expect(picked.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('lets claimers running at once take different rows', async () => {
    const taken = await Promise.all(['one', 'two', 'three'].map((by) => claimOne(storage, by)));
    expect(new Set(taken).size).toBe(3);
    const rows = await storage.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
    expect(rows.filter((r) => r.value !== 'free')).toHaveLength(3);
  });

  it('adds FOR UPDATE SKIP LOCKED on PostgreSQL and nothing on SQLite', () => {
    const query = storage.db.selectFrom('settings').select('key').limit(1);
    const claimed = storage.caps.claimForUpdate(query).compile().sql;
    if (database.name === 'postgres') expect(claimed).toBe(`${query.compile().sql} for update skip locked`);
    else expect(claimed).toBe(query.compile().sql);
  });
});

// Only PostgreSQL has row locks to pass over: SQLite's one writer at a time makes a claim exclusive already.
const postgres = testDatabases.find((database) => database.name === 'postgres');
describe.runIf(postgres)('row claims on PostgreSQL', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await postgres!.open();
    await seedClaimables(storage);
  });
  afterEach(async () => {
    await storage.close();
  });

  it('passes over rows another open transaction has claimed, without waiting for it', async () => {
    let releaseFirst!: () => void;
    const secondDone = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstPicked!: (keys: string[]) => void;
    const firstHolds = new Promise<string[]>((resolve) => (firstPicked = resolve));

    // The first claimer picks two rows and keeps its transaction (and their row locks) open
    // until the second has finished.
    const first = storage.db.transaction().execute(async (trx) => {
      firstPicked((await pickFree(storage, trx, 2)).map((r) => r.key));
      await secondDone;
    });
    expect(await firstHolds).toEqual(['a', 'b']);

    const second = await storage.db
      .transaction()
      .execute(async (trx) => {
        // Were the locked rows waited for rather than skipped, fail within seconds instead of hanging.
        await sql`set local lock_timeout = '5s'`.execute(trx);
        return pickFree(storage, trx, 2);
      })
      .finally(releaseFirst);
    await first;
    expect(second.map((r) => r.key)).toEqual(['c', 'd']);
  });
});
