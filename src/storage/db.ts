import { Migrator, sql, type Kysely, type MigrationResult, type Transaction } from 'kysely';
import { createLogger, type Logger } from '../lib/logger.js';
import type { DatabaseTarget } from './database-target.js';
import type { Capabilities } from './capabilities.js';
import { backupPostgres, openPostgres, postgresCapabilities } from './dialects/postgres.js';
import { backupSqlite, openSqlite, sqliteCapabilities } from './dialects/sqlite.js';
import { migrationsFor, type MigrationContext } from './migrations/index.js';
import type { Database } from './schema.js';

/** What query functions take first: the database, or a service's transaction (so they compose inside one). */
export type Executor = Kysely<Database> | Transaction<Database>;

/** An open database with the facts about its dialect. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly caps: Capabilities;
  readonly target: DatabaseTarget;
  /**
   * SQLite only: a number that changes when another process commits to the database file. Lets a
   * process notice the CLI's or another worker's writes without any message passing.
   */
  readonly dataVersion?: () => number;
  /** Writes a consistent copy of the live database to `file` (a new file), as the dialect does best. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

/** How to open storage: `schema` isolates PostgreSQL tests; `logger` hears of connections lost outside queries. */
export interface StorageOptions {
  schema?: string;
  poolSize?: number;
  /** Default: warnings and worse to standard output, so lost connections are never silent. */
  logger?: Pick<Logger, 'warn'>;
  /** SQLite only: told of every query and its duration (the statement benchmarks). */
  queryLog?: (query: { sql: string; ms: number }) => void;
}

/** Opens the database `target` names. */
export function createStorage(target: DatabaseTarget, options: StorageOptions = {}): Storage {
  if (target.dialect === 'sqlite') {
    const { db, dataVersion } = openSqlite(target.file, {
      queryLog: options.queryLog,
      createFolder: target.createFolder,
      cacheMb: target.cacheMb,
    });
    return { db, caps: sqliteCapabilities, target, dataVersion, backup: (file) => backupSqlite(db, file), close: () => db.destroy() };
  }
  const schema = options.schema ?? target.schema;
  const logger = options.logger ?? createLogger('warn');
  const { db } = openPostgres({ url: target.url, schema, max: options.poolSize, logger });
  return {
    db,
    caps: postgresCapabilities,
    target,
    backup: (file) => backupPostgres({ url: target.url, schema, file }),
    close: () => db.destroy(),
  };
}

/** The schema unqualified names resolve to (the first existing one on the search path). */
async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

export type { MigrationContext };

/**
 * Brings the schema up to date. Kysely's migrator takes a lock first (an advisory lock on
 * PostgreSQL), so several nodes starting at once migrate once and the others wait.
 */
export async function migrateToLatest(storage: Storage, context: MigrationContext = {}): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrationsFor(storage.caps, context) },
    // Unpinned, Kysely takes a migration table in *any* schema of the database as ours, so a site
    // (or a test) in its own schema would skip creating its own and then fail to find it.
    ...(storage.caps.namedSchemas ? { migrationTableSchema: await currentSchema(storage.db) } : {}),
  });
  // A migration that indexes a grown site's table sorts on disk, not in the process's memory.
  const sortsBack = await storage.caps.sortsOnDisk(storage.db);
  try {
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return results ?? [];
  } finally {
    await sortsBack();
  }
}
