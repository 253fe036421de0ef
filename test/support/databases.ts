import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStorage, migrateToLatest, type Storage } from '../../src/storage/db.js';
import { testEnv } from './test-env.js';

/** A database a suite can run against; `open()` gives a fresh, migrated, isolated one. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<Storage>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const storage = createStorage({ dialect: 'sqlite', file: ':memory:' });
    await migrateToLatest(storage);
    return storage;
  },
};

/** A migrated SQLite database in the file `path` (created if needed), for what an in-memory one cannot show: journals, other connections. */
export function sqliteFile(path: string): TestDatabase {
  return {
    name: 'sqlite',
    async open() {
      const storage = createStorage({ dialect: 'sqlite', file: path });
      await migrateToLatest(storage);
      return storage;
    },
  };
}

/*
 * Kysely's migrator asks PostgreSQL for the tables of every schema in the database, which fails with
 * "schema … does not exist" when another test file drops its schema at that moment. Migrations hold
 * this advisory lock shared (they run side by side), a drop holds it alone (it waits for them).
 */
const SCHEMA_CHURN_LOCK = 0x67617a65; // "gaze"

/** Runs `work` while no test schema is being dropped. */
async function whileNoSchemaIsDropped<T>(url: string, work: () => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('select pg_advisory_lock_shared($1)', [SCHEMA_CHURN_LOCK]);
    return await work();
  } finally {
    await holder.end(); // ends the session, and with it the lock
  }
}

/** Drops a test schema once no migration is looking at the list of schemas. */
export async function dropTestSchema(url: string, schema: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: url });
  await dropper.connect();
  try {
    await dropper.query('select pg_advisory_lock($1)', [SCHEMA_CHURN_LOCK]);
    await dropper.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await dropper.end();
  }
}

/** Each open() makes its own schema, dropped again on close, so files and tests never share rows. */
function postgres(url: string): TestDatabase {
  return {
    name: 'postgres',
    async open() {
      const schema = `gz_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      // The schema rides in the target, as `?schema=` in DATABASE_URL would put it (the relay names its channel after it).
      const storage = createStorage({ dialect: 'postgres', url, schema }, { poolSize: 4 });
      await whileNoSchemaIsDropped(url, () => migrateToLatest(storage));
      return {
        ...storage,
        async close() {
          await storage.close();
          await dropTestSchema(url, schema);
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Use with `describe.each`. */
export const testDatabases: TestDatabase[] = [sqlite, ...(testEnv.postgresUrl ? [postgres(testEnv.postgresUrl)] : [])];
