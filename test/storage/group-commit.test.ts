import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/db.js';
import { createGroupCommit } from '../../src/storage/group-commit.js';
import { testDatabases } from '../support/databases.js';

/** A gate a write waits at, so the test decides when the first batch may finish. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe.each(testDatabases)('group commit on $name', (database) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await database.open();
  });
  afterAll(async () => {
    await storage?.close();
  });

  async function storedKeys(prefix: string): Promise<string[]> {
    const rows = await storage.db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute();
    return rows.map((r) => r.key);
  }

  it('commits the writes that arrive during a commit together, in one transaction', async () => {
    const sizes: number[] = [];
    const commits = createGroupCommit(storage.db, { observe: ({ size }) => sizes.push(size) });
    const first = gate();
    const started = gate();
    const writes = [
      commits.run(async (trx) => {
        started.open();
        await first.wait;
        await trx.insertInto('settings').values({ key: 'shared-0', value: '0' }).execute();
      }),
    ];
    // The first batch is under way (held at the gate): these three queue for the next one.
    await started.wait;
    for (const n of [1, 2, 3]) {
      writes.push(
        commits.run((trx) =>
          trx
            .insertInto('settings')
            .values({ key: `shared-${n}`, value: String(n) })
            .execute()
            .then(() => undefined),
        ),
      );
    }
    first.open();
    await Promise.all(writes);
    expect(sizes).toEqual([1, 3]);
    expect(await storedKeys('shared-')).toEqual(['shared-0', 'shared-1', 'shared-2', 'shared-3']);
  });

  it('undoes a refused write alone, hands its caller the error, and commits the rest of its batch', async () => {
    const commits = createGroupCommit(storage.db);
    const first = gate();
    const blocker = commits.run(async () => first.wait);
    const ok1 = commits.run((trx) => trx.insertInto('settings').values({ key: 'mixed-1', value: '1' }).execute());
    const refused = commits.run(async (trx) => {
      await trx.insertInto('settings').values({ key: 'mixed-2', value: '2' }).execute();
      throw new Error('a rule refused this one');
    });
    // A statement error (a unique key taken inside the batch) is undone alone as well.
    const clash = commits.run((trx) => trx.insertInto('settings').values({ key: 'mixed-1', value: 'again' }).execute());
    const ok3 = commits.run((trx) => trx.insertInto('settings').values({ key: 'mixed-3', value: '3' }).execute());
    first.open();
    await blocker;
    await expect(refused).rejects.toThrow('a rule refused this one');
    await expect(clash).rejects.toThrow();
    await ok1;
    await ok3;
    expect(await storedKeys('mixed-')).toEqual(['mixed-1', 'mixed-3']);
    const row = await storage.db.selectFrom('settings').select('value').where('key', '=', 'mixed-1').executeTakeFirstOrThrow();
    expect(row.value).toBe('1');
  });

  it('settles a write only after its batch has committed, so what it wrote is there for everyone', async () => {
    const commits = createGroupCommit(storage.db);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        commits.run(async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key: `settled-${String(n).padStart(2, '0')}`, value: '' })
            .execute();
          return n;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, n) => n));
    await commits.idle();
    expect(await storedKeys('settled-')).toHaveLength(20);
  });
});
