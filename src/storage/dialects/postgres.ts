import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Capabilities } from '../capabilities.js';
import type { Database } from '../schema.js';

/** PostgreSQL's answers to the dialect questions. */
export const postgresCapabilities: Capabilities = Object.freeze({
  dialect: 'postgres',
  autoIdType: 'serial',
  autoIdNeedsAutoIncrement: false,
  skipLocked: true,
  notifications: true,
  namedSchemas: true,
});

/** Options for a PostgreSQL connection pool. */
export interface PostgresOptions {
  url: string;
  /** Schema to use instead of `public` (tests give each file its own). */
  schema?: string;
  max?: number;
}

/** Opens a pool to PostgreSQL. Pool errors on idle clients are logged by pg, not thrown. */
export function openPostgres(options: PostgresOptions): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    // Notice a peer that vanished without a FIN (a dead load balancer, a cut cable) instead of waiting forever.
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor may a checked-out one between two queries (inside a transaction, say): pg emits 'error'
  // on a client when no query is running to reject, and Kysely listens for none. The query that
  // follows fails with a connection error (a 503), and the pool discards the broken client.
  pool.on('connect', (client) => client.on('error', () => {}));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
