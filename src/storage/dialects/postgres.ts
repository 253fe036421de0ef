import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Logger } from '../../lib/logger.js';
import type { Capabilities } from '../capabilities.js';
import { postgresFullText } from './postgres-full-text.js';
import { compiledStatementName } from '../statement-names.js';
import type { Database } from '../schema.js';

/** A 64-bit advisory-lock number for a key (names share PostgreSQL's one lock space, so they are hashed wide). */
function advisoryKey(key: string): bigint {
  return createHash('sha256').update(key).digest().readBigInt64BE(0);
}

/**
 * Takes a transaction-scoped advisory lock per key, released by commit or rollback. Always in
 * ascending order, so two transactions wanting overlapping keys queue instead of deadlocking.
 * Without waiting, a key another transaction holds ends the attempt with false.
 */
async function lockKeys(trx: Transaction<any>, keys: readonly string[], options = { wait: true }): Promise<boolean> {
  const numbers = [...new Set(keys.map(advisoryKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of numbers) {
    if (options.wait) {
      await sql`select pg_advisory_xact_lock(${n.toString()}::bigint)`.execute(trx);
    } else {
      const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${n.toString()}::bigint) as got`.execute(trx);
      if (!rows[0]?.got) return false;
    }
  }
  return true;
}

/** PostgreSQL's answers to the dialect questions. */
// SQLSTATE 23505: unique_violation.
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

export const postgresCapabilities: Capabilities = Object.freeze<Capabilities>({
  dialect: 'postgres',
  autoIdType: 'serial',
  autoIdNeedsAutoIncrement: false,
  notifications: true,
  namedSchemas: true,
  concurrentWriteBatches: 4,
  isUniqueViolation,
  // The driver passes on the server's `table` and `detail`: "Key (slug)=(x) already exists."
  violatedUniqueKey: (error: unknown) => {
    if (!isUniqueViolation(error)) return undefined;
    const { table, detail } = error as { table?: unknown; detail?: unknown };
    const columns = /^Key \(([^)]+)\)=/.exec(String(detail ?? ''))?.[1];
    return typeof table === 'string' && columns ? { table, columns: columns.split(', ') } : undefined;
  },
  claimForUpdate: (query) => query.forUpdate().skipLocked(),
  lockKeys,
  plainIndexes: async (trx, table) => {
    const { rows } = await sql<{ name: string; create: string }>`
      select i.relname as name, pg_get_indexdef(i.oid) as "create" from pg_index x
      join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where t.relname = ${table} and n.nspname = current_schema() and not x.indisunique and not x.indisprimary
      order by i.relname`.execute(trx);
    return rows;
  },
  // The server's shared buffers hold the pages, not this process.
  narrowCacheForBulkLoad: async () => async () => {},
  journalForBulkLoad: async () => async () => {},
  sortsOnDisk: async () => async () => {},
  fullText: postgresFullText,
});

/** Options for a PostgreSQL connection pool. */
export interface PostgresOptions {
  url: string;
  /** Schema to use instead of `public` (tests give each file its own). */
  schema?: string;
  max?: number;
  /** Where connection trouble outside any query is reported (a restarted server, a dropped link). */
  logger: Pick<Logger, 'warn'>;
}

/**
 * Opens a pool to PostgreSQL. Errors on idle clients are logged, not thrown. The driver (pg and
 * its parsers) loads with the first query, so a process on a SQLite site never loads it.
 */
export function openPostgres(options: PostgresOptions): { db: Kysely<Database> } {
  const pool = async (): Promise<pg.Pool> => {
    const { default: driver } = await import('pg');
    const pool = new driver.Pool({
      connectionString: options.url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5000,
      // Notice a peer that vanished without a FIN (a dead load balancer, a cut cable) instead of waiting forever.
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // A connection that fails outside any query (a server restart, a dropped link) is logged once,
    // from the client itself: idle in the pool or checked out between two queries (inside a
    // transaction, say), where pg has no query to reject and Kysely listens for nothing. Nothing
    // failed yet, so a warning; the next query on it fails with a connection error (a 503) and the
    // pool replaces it. An operator seeing many wants to know why.
    const { logger } = options;
    pool.on('connect', (client) => {
      client.on('error', (error) => logger.warn({ err: error }, 'database: a connection failed outside a query; the pool replaces it'));
      prepareCompiledStatementsByName(client);
    });
    // pg re-emits an idle client's error on the pool; logged above, it only must not crash the process.
    pool.on('error', () => {});
    return pool;
  };
  // Kysely calls `pool` once, when the first query needs a connection.
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/**
 * Writes the site's schema to `file` in pg_dump's custom format (restore with `pg_restore`). The
 * dump is one consistent snapshot taken while the site keeps running. Needs `pg_dump` on the PATH,
 * of the server's major version or newer.
 */
export async function backupPostgres(options: { url: string; schema?: string; file: string }): Promise<void> {
  const args = ['--format=custom', '--no-owner', ...(options.schema ? [`--schema=${options.schema}`] : []), options.url];
  // Opened with 'wx' before pg_dump runs: an existing file is refused, never overwritten.
  const out = await open(options.file, 'wx');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('pg_dump', args, { stdio: ['ignore', out.fd, 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      child.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'ENOENT' ? new Error('pg_dump was not found on the PATH; install the PostgreSQL client tools.') : error),
      );
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump failed (exit ${code}): ${stderr.trim()}`))));
    });
    await out.sync();
  } catch (error) {
    // Half a dump must not pass for a backup.
    await out.close();
    await rm(options.file, { force: true });
    throw error;
  }
  await out.close();
}

/**
 * Runs the texts of compiled statements (compiled-statements.ts: the reply post's look-ups and
 * inserts) as named prepared statements on `client`: pg prepares each once per connection and then
 * only binds, where an unnamed statement is parsed and planned by the server on every call (issue
 * 12: the server's CPU was the bound of reply posts on PostgreSQL). Every other query, and every
 * call shape Kysely does not make (a config object, a callback), goes through unchanged.
 */
function prepareCompiledStatementsByName(client: pg.PoolClient): void {
  const query = client.query as (this: pg.PoolClient, ...args: unknown[]) => unknown;
  client.query = function (this: pg.PoolClient, ...args: unknown[]) {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      const name = compiledStatementName(text);
      if (name) return query.call(this, { name, text, values });
    }
    return query.apply(this, args);
  } as typeof client.query;
}
