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
      await migrateToLatest(storage);
      return {
        ...storage,
        async close() {
          await storage.close();
          const dropper = new pg.Client({ connectionString: url });
          await dropper.connect();
          await dropper.query(`drop schema if exists ${schema} cascade`);
          await dropper.end();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Use with `describe.each`. */
export const testDatabases: TestDatabase[] = [sqlite, ...(testEnv.postgresUrl ? [postgres(testEnv.postgresUrl)] : [])];
