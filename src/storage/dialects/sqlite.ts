import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  sql,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { Capabilities } from '../capabilities.js';
import type { Database } from '../schema.js';

/** SQLite's answers to the dialect questions. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const sqliteCapabilities: Capabilities = Object.freeze<Capabilities>({
  dialect: 'sqlite',
  autoIdType: 'integer',
  autoIdNeedsAutoIncrement: true,
  notifications: false,
  namedSchemas: false,
  isUniqueViolation,
  // "UNIQUE constraint failed: articles.slug" (or "t.a, t.b" for a key of several columns).
  violatedUniqueKey: (error: unknown) => {
    if (!isUniqueViolation(error)) return undefined;
    const named = /constraint failed: (.+)$/.exec(String((error as { message?: unknown }).message ?? ''))?.[1];
    const parts = named?.split(', ').map((qualified) => qualified.split('.'));
    if (!parts || parts.some((p) => p.length !== 2)) return undefined;
    return { table: parts[0]![0]!, columns: parts.map((p) => p[1]!) };
  },
  // No row locks: a claiming UPDATE already holds the file's one write lock.
  claimForUpdate: (query) => query,
  // Every transaction begins IMMEDIATE (below): it already holds the file's one write lock.
  lockKeys: async () => true,
});

/**
 * Kysely's SQLite driver begins transactions DEFERRED: they read under a snapshot and ask for the
 * write lock only at their first write. When another process (a `--workers` sibling, the CLI)
 * commits in between, that upgrade fails at once with SQLITE_BUSY_SNAPSHOT, which no busy
 * timeout can wait out. Gazette's transactions all write, so each one takes the write lock up
 * front (`BEGIN IMMEDIATE`), waiting for it under `busy_timeout`; their reads then see the latest
 * commit, which is also what makes check-then-insert rules safe across processes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly settings: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.settings = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * Opens (creating if needed) a SQLite file. WAL lets readers run beside the writer;
 * `synchronous = FULL` makes each commit durable before it returns, so a reply that was thanked
 * survives a crash or power cut one instant later.
 */
export function openSqlite(file: string): { db: Kysely<Database>; dataVersion: () => number } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // How long a writer waits for another process's write to finish before giving up (SQLITE_BUSY, a 503).
  sqlite.pragma('busy_timeout = 5000');
  return {
    db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) }),
    // Changes whenever another connection (another process: a worker, the CLI) commits to the file.
    dataVersion: () => sqlite.pragma('data_version', { simple: true }) as number,
  };
}

/**
 * Writes a consistent copy of the live database to `file` (which must not exist yet): `VACUUM
 * INTO` reads one snapshot, so writers carry on meanwhile and the copy includes what sits in the WAL.
 */
export async function backupSqlite(db: Kysely<Database>, file: string): Promise<void> {
  await sql`vacuum into ${file}`.execute(db);
}
