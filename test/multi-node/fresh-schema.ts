import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropTestSchema } from '../support/databases.js';

/*
 * What the multi-node tests share besides the processes themselves (those come from
 * test/support/server-process.ts): a PostgreSQL schema of their own.
 */

/** A fresh, empty schema in the test database; `drop()` removes it and everything in it. */
export async function freshSchema(url: string): Promise<{ name: string; databaseUrl: string; drop(): Promise<void> }> {
  const name = `gz_nodes_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${name}`);
  await admin.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', name);
  return {
    name,
    databaseUrl: withSchema.toString(),
    async drop() {
      await dropTestSchema(url, name);
    },
  };
}
