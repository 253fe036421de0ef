import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../../src/storage/migrations/index.js';
import { postgresCapabilities } from '../../src/storage/dialects/postgres.js';
import { testEnv } from '../support/test-env.js';
import { freshSchema } from './fresh-schema.js';
import { runGazette } from '../support/server-process.js';

if (!testEnv.postgresUrl) {
  console.warn('\n!! TEST_DATABASE_URL is not set: the concurrent `gazette migrate` test is SKIPPED.\n');
}

describe.skipIf(!testEnv.postgresUrl)('`gazette migrate` on three nodes at once', () => {
  it('migrates once; the others wait for it and find nothing left to do', async () => {
    const schema = await freshSchema(testEnv.postgresUrl!);
    try {
      const runs = [1, 2, 3].map(() => runGazette(['migrate'], { DATABASE_URL: schema.databaseUrl }));
      const codes = await Promise.all(runs.map((r) => r.exited));
      expect(codes, runs.map((r) => r.output()).join('\n---\n')).toEqual([0, 0, 0]);

      const client = new pg.Client({ connectionString: testEnv.postgresUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string; n: string }>(
          `select name, count(*) as n from ${schema.name}.kysely_migration group by name order by name`,
        );
        const expected = Object.keys(migrationsFor(postgresCapabilities)).sort();
        expect(rows.map((r) => r.name)).toEqual(expected);
        expect(rows.every((r) => r.n === '1')).toBe(true);
        // The tables went into the site's own schema, not wherever another site keeps its own.
        const elsewhere = await client.query(
          `select table_schema from information_schema.tables where table_name = 'jobs' and table_schema = $1`,
          [schema.name],
        );
        expect(elsewhere.rowCount).toBe(1);
      } finally {
        await client.end();
      }
    } finally {
      await schema.drop();
    }
  }, 55_000);
});
