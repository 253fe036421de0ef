import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import type { Executor, Storage } from '../../src/storage/db.js';
import { compiledStatement } from '../../src/storage/compiled-statements.js';
import { testDatabases } from '../support/databases.js';

interface SectionKey {
  slug: string;
  name: string;
  position: number;
}

const sectionsNamed = (db: Executor, p: { name: string; from: number }) =>
  db
    .selectFrom('sections')
    .select(['slug', 'position'])
    .where('name', '=', p.name)
    .where('position', '>=', p.from)
    .orderBy('position')
    .limit(10);

describe.each(testDatabases)('statements compiled once on $name', (database) => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await database.open();
  });
  afterEach(async () => {
    await storage.close();
  });

  it('binds each call’s values into the very text and values Kysely compiles, and answers the rows', async () => {
    const insert = compiledStatement((db, p: SectionKey) =>
      db.insertInto('sections').values({ slug: p.slug, name: p.name, position: p.position }).returning('id'),
    );
    const select = compiledStatement(sectionsNamed);
    const first = await insert.first(storage.db, { slug: 'world', name: 'World', position: 3 });
    await insert.rows(storage.db, { slug: 'home', name: 'World', position: 1 });
    await insert.rows(storage.db, { slug: 'arts', name: 'Arts', position: 2 });
    expect(first?.id).toBeGreaterThan(0);

    const params = { name: 'World', from: 0 };
    const ours = select.compile(storage.db, params);
    const kyselys = sectionsNamed(storage.db, params).compile();
    expect(ours.sql).toBe(kyselys.sql);
    expect(ours.parameters).toEqual(kyselys.parameters);
    expect(await select.rows(storage.db, params)).toEqual([
      { slug: 'home', position: 1 },
      { slug: 'world', position: 3 },
    ]);
    expect(await select.rows(storage.db, { name: 'World', from: 2 })).toEqual([{ slug: 'world', position: 3 }]);
    expect(await select.first(storage.db, { name: 'Nobody', from: 0 })).toBeUndefined();
  });

  it('builds once for the database, its transactions and their savepoints', async () => {
    const build = vi.fn(sectionsNamed);
    const select = compiledStatement(build);
    await select.rows(storage.db, { name: 'a', from: 0 });
    await storage.db.transaction().execute((trx) => select.rows(trx, { name: 'b', from: 1 }));
    // The group commit's shape: a started transaction, a savepoint per write.
    const controlled = await storage.db.startTransaction().execute();
    await select.rows(controlled, { name: 'c', from: 2 });
    const inner = await controlled.savepoint('inner').execute();
    await select.rows(inner, { name: 'd', from: 3 });
    await inner.releaseSavepoint('inner').execute();
    await controlled.commit().execute();
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('refuses a build that makes a value out of a parameter, and a call that leaves one out', async () => {
    const pattern = compiledStatement((db, p: { name: string }) =>
      db.selectFrom('sections').select('id').where('name', 'like', `%${p.name}%`),
    );
    await expect(pattern.rows(storage.db, { name: 'x' })).rejects.toThrow(/built from a parameter/);
    const select = compiledStatement(sectionsNamed);
    await expect(select.rows(storage.db, { name: 'x' } as { name: string; from: number })).rejects.toThrow(/from is undefined/);
  });
});

describe('statements compiled once per database', () => {
  it('compiles again for another database, in its own dialect', async () => {
    const opened = await Promise.all(testDatabases.map((d) => d.open()));
    try {
      const build = vi.fn(sectionsNamed);
      const select = compiledStatement(build);
      const texts = opened.map((storage) => select.compile(storage.db, { name: 'x', from: 0 }).sql);
      expect(build).toHaveBeenCalledTimes(opened.length);
      opened.forEach((storage, k) => expect(texts[k]).toBe(sectionsNamed(storage.db, { name: 'x', from: 0 }).compile().sql));
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  });
});

describe.each(testDatabases.filter((d) => d.name === 'postgres'))('compiled statements on $name', (database) => {
  it('run as statements prepared by name, once per connection, and other queries as before', async () => {
    const storage = await database.open();
    try {
      const select = compiledStatement(sectionsNamed);
      const text = select.compile(storage.db, { name: 'x', from: 0 }).sql;
      await storage.db.transaction().execute(async (trx) => {
        // One connection for the transaction: the statement is prepared on it once, then reused.
        for (let k = 0; k < 3; k++) expect(await select.rows(trx, { name: `n${k}`, from: k })).toEqual([]);
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
        expect(rows.map((r) => r.statement)).toEqual([text]);
      });
    } finally {
      await storage.close();
    }
  });
});
