import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conflict } from '../../src/lib/errors.js';
import type { Storage } from '../../src/storage/db.js';
import { conflictOnUniqueViolation } from '../../src/storage/unique-conflict.js';
import { testDatabases } from '../support/databases.js';

describe.each(testDatabases)('unique violations on $name', (database) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await database.open();
    await storage.db.insertInto('sections').values({ slug: 'world', name: 'World', position: 0 }).execute();
  });
  afterEach(async () => {
    await storage.close();
  });

  const insertTwice = () =>
    storage.db
      .transaction()
      .execute((trx) => trx.insertInto('sections').values({ slug: 'world', name: 'World again', position: 1 }).execute());

  it('become a Conflict on the field of the key they name', async () => {
    const key = { table: 'sections', column: 'slug', field: 'section', message: 'That section exists.' };
    const attempt = conflictOnUniqueViolation(storage.caps, [key], insertTwice);
    await expect(attempt).rejects.toBeInstanceOf(Conflict);
    await expect(attempt).rejects.toMatchObject({ field: 'section', message: 'That section exists.' });
  });

  it('stay what they are when they name another key', async () => {
    const key = { table: 'articles', column: 'slug', field: 'slug', message: 'Taken.' };
    const attempt = conflictOnUniqueViolation(storage.caps, [key], insertTwice);
    await expect(attempt).rejects.not.toBeInstanceOf(Conflict);
    await expect(attempt).rejects.toSatisfy((error: unknown) => storage.caps.isUniqueViolation(error));
  });
});
