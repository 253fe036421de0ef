import type { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../src/storage/db.js';
import { rowStatements } from '../../src/storage/row-statements.js';
import { testDatabases } from '../support/databases.js';

interface SectionRow {
  slug: string;
  name: string;
  position: number;
}

const sectionInserts = rowStatements<SectionRow, { id: number }>({
  columns: ['slug', 'name', 'position'],
  maxRows: 6,
  build: (db, rows) => db.insertInto('sections').values(rows).returning('id'),
});

const sectionsOf = (count: number, from = 0): SectionRow[] =>
  Array.from({ length: count }, (_, k) => ({ slug: `s-${from + k}`, name: `Section ${from + k}`, position: from + k }));

describe.each(testDatabases)('rows written through compiled statements on $name', (database) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.close();
  });

  it('writes any number of rows, each value in its own row and column, answering in row order', async () => {
    const rows = sectionsOf(13);
    const answered = await storage.db.transaction().execute((trx) => sectionInserts.run(trx, rows));
    expect(answered).toHaveLength(13);
    const stored = await storage.db.selectFrom('sections').select(['id', 'slug', 'name', 'position']).orderBy('id').execute();
    expect(stored.map(({ slug, name, position }) => ({ slug, name, position }))).toEqual(rows);
    expect(answered.map((r) => r.id).sort((a, b) => a - b)).toEqual(stored.map((r) => r.id));
  });

  it('cuts a batch into the fixed row counts and reuses their statements: 13 rows are 6 + 6 + 1, 11 are 6 + 4 + 1', async () => {
    const sizes: number[] = [];
    const texts = new Set<string>();
    await storage.db.transaction().execute(async (trx) => {
      const executeQuery = trx.executeQuery.bind(trx);
      vi.spyOn(trx, 'executeQuery').mockImplementation((query) => {
        const compiled = query as CompiledQuery;
        sizes.push(compiled.parameters.length / 3);
        texts.add(compiled.sql);
        return executeQuery(compiled);
      });
      await sectionInserts.run(trx, sectionsOf(13));
      await sectionInserts.run(trx, sectionsOf(11, 100));
    });
    expect(sizes).toEqual([6, 6, 1, 6, 4, 1]);
    expect(texts.size).toBe(3);
    // Each text is the one Kysely writes for that many rows.
    for (const size of [6, 4, 1])
      expect(texts).toContain(storage.db.insertInto('sections').values(sectionsOf(size)).returning('id').compile().sql);
    expect(await storage.db.selectFrom('sections').select('id').execute()).toHaveLength(24);
  });

  it('refuses a row that leaves a column undefined, rather than bind it', async () => {
    const rows = [{ slug: 'a', name: undefined as unknown as string, position: 0 }];
    await expect(storage.db.transaction().execute((trx) => sectionInserts.run(trx, rows))).rejects.toThrow(/column name is undefined/);
  });

  it('writes nothing for no rows', async () => {
    expect(await sectionInserts.run(storage.db, [])).toEqual([]);
  });
});
