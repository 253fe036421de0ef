import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../../src/storage/db.js';
import { testEnv } from '../support/test-env.js';
import { captureLogs } from '../support/log-capture.js';
import { waitFor } from '../support/wait-for.js';

describe.skipIf(!testEnv.postgresUrl)('the PostgreSQL pool and the logger', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('logs an idle connection the server dropped, instead of swallowing it, and carries on', async () => {
    const { logger, lines } = captureLogs();
    storage = createStorage({ dialect: 'postgres', url: testEnv.postgresUrl! }, { poolSize: 1, logger });
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(storage.db);
    // What a server restart or an administrator does to an idle connection.
    const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
    await admin.end();

    await waitFor(() => lines.length > 0, { message: 'the dropped connection was never logged' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'database: a connection failed outside a query; the pool replaces it' });
    expect(lines[0]!.err?.message).toMatch(/terminat/i);
    // The pool replaces it: the next query works.
    const again = await sql<{ one: number }>`select 1 as one`.execute(storage.db);
    expect(again.rows[0]!.one).toBe(1);
  });
});
