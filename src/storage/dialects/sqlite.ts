import { existsSync, mkdirSync } from 'node:fs';
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
import { sqliteFullText } from './sqlite-full-text.js';
import type { Database } from '../schema.js';

/**
 * Page cache while serving, in KiB (a negative `cache_size`): 16 MB unless `SQLITE_CACHE_MB` says
 * otherwise. It was 64 MB; under the bench's reply posts it filled and held the process's peak RSS
 * over the 150 MB target (165 MB, against 145 with 16 MB and 136 with 8), for no more posts per
 * second, and the uncached listings at 100,000 articles rendered no slower with 16 MB: a page the
 * cache has let go is read back from the operating system's file cache (docs/benchmarks.md, "Footprint").
 */
const SERVING_CACHE_SIZE = -16_384;
/**
 * Page cache during a bulk load (an import), in KiB: 16 MB. Measured at a tenth of the import
 * benchmark's file (docs/benchmarks.md), the 64 MB cache was full and a fifth of the process's
 * memory, while the load appends rows and the indexes it still updates are few.
 */
const BULK_LOAD_CACHE_SIZE = -16_384;

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
  concurrentWriteBatches: 1,
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
  // origin 'c': made by CREATE INDEX (not a UNIQUE or PRIMARY KEY clause), whose text SQLite keeps.
  plainIndexes: async (trx, table) => {
    const { rows } = await sql<{ name: string; create: string }>`
      select m.name as name, m.sql as "create" from pragma_index_list(${table}) l
      join sqlite_master m on m.type = 'index' and m.name = l.name
      where l."unique" = 0 and l.origin = 'c' and m.sql is not null order by m.name`.execute(trx);
    return rows;
  },
  narrowCacheForBulkLoad: async (trx) => {
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
    const serving = rows[0]?.cache_size ?? SERVING_CACHE_SIZE;
    // Narrowed only: a serving cache already this small or smaller (the default, or a smaller
    // SQLITE_CACHE_MB) is kept. A positive cache_size counts pages; the bulk size is in KiB.
    const { rows: pages } = await sql<{ page_size: number }>`pragma page_size`.execute(trx);
    const servingKib = serving < 0 ? -serving : (serving * (pages[0]?.page_size ?? 4096)) / 1024;
    if (servingKib <= -BULK_LOAD_CACHE_SIZE) return async () => {};
    await sql.raw(`pragma cache_size = ${BULK_LOAD_CACHE_SIZE}`).execute(trx);
    return async () => {
      await sql.raw(`pragma cache_size = ${Number(serving)}`).execute(trx);
    };
  },
  journalForBulkLoad: async (db) => {
    const putTempStoreBack = await tempStore(db, 'memory');
    const putJournalBack = await rollbackJournalWhileAlone(db);
    return async () => {
      try {
        await putJournalBack();
      } finally {
        await putTempStoreBack();
      }
    };
  },
  sortsOnDisk: (db) => tempStore(db, 'file'),
  fullText: sqliteFullText,
});

/**
 * Sets where the connection keeps temporary data (statement journals, sorts that outgrow the page
 * cache) and returns how to put the setting back. Statement journals follow the setting in force
 * when a transaction begins; sorts, the one in force when they start.
 */
async function tempStore(db: Kysely<any>, where: 'memory' | 'file'): Promise<() => Promise<void>> {
  const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(db);
  await sql.raw(`pragma temp_store = ${where}`).execute(db);
  return async () => {
    await sql.raw(`pragma temp_store = ${Number(rows[0]?.temp_store ?? 0)}`).execute(db);
  };
}

/**
 * A rollback journal instead of the write-ahead log when no other connection has the file open
 * (`Capabilities.journalForBulkLoad`), and how to put the log back; nothing changes otherwise.
 */
async function rollbackJournalWhileAlone(db: Kysely<any>): Promise<() => Promise<void>> {
  const unchanged = async () => {};
  if ((await journalMode(db)) !== 'wal') return unchanged; // a database in memory, say
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
  // Another connection holds the file (a running server): it asks at once and keeps the log, never waits.
  await sql`pragma busy_timeout = 0`.execute(db);
  try {
    if ((await journalMode(db, 'delete')) !== 'delete') return unchanged;
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return unchanged;
    throw error;
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(rows[0]?.timeout ?? 5000)}`).execute(db);
  }
  return async () => {
    await journalMode(db, 'wal');
  };
}

/** The connection's journal mode, after setting it to `mode` when one is given (SQLite answers with the mode it is in). */
async function journalMode(db: Kysely<any>, mode?: 'wal' | 'delete'): Promise<string> {
  const { rows } = await sql.raw<{ journal_mode: string }>(mode ? `pragma journal_mode = ${mode}` : 'pragma journal_mode').execute(db);
  return String(rows[0]?.journal_mode ?? '').toLowerCase();
}

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

/** Distinct SQL texts kept prepared: every query Gazette runs, with room to spare. */
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * The connection as Kysely's driver sees it, preparing each SQL text once. Kysely's SQLite driver
 * prepares a statement for every query it runs; preparing was a sixth of an import's main thread,
 * and each abandoned statement holds native memory the garbage collector does not see, so a long
 * import's memory grew with the number of queries. Statements are reused, least recently used
 * dropped first. Kysely runs one query at a time on the one connection and reads every row with
 * `all()` (nothing here streams), so a statement is never asked to run while it is still running.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): NonNullable<SqliteDialectConfig['database']> {
  const prepared = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = prepared.get(text);
      if (statement) prepared.delete(text);
      else {
        statement = sqlite.prepare(text);
        if (prepared.size >= STATEMENT_CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(text, statement);
      return statement;
    },
  } as NonNullable<SqliteDialectConfig['database']>;
}

/**
 * Opens (creating if needed) a SQLite file. Its folder is made only when `createFolder` says so
 * (the default data directory): a typo in DATABASE_URL must not leave a new empty site in a new
 * folder while the real one sits unused. WAL lets readers run beside the writer;
 * `synchronous = FULL` makes each commit durable before it returns, so a reply that was thanked
 * survives a crash or power cut one instant later.
 */
export function openSqlite(
  file: string,
  options: {
    queryLog?: ((query: { sql: string; ms: number }) => void) | undefined;
    createFolder?: boolean | undefined;
    /** The page cache while serving, in MB; `SERVING_CACHE_SIZE` when absent. */
    cacheMb?: number | undefined;
  } = {},
): { db: Kysely<Database>; dataVersion: () => number } {
  const { queryLog, createFolder = false, cacheMb } = options;
  if (file !== ':memory:' && !existsSync(dirname(file))) {
    if (!createFolder)
      throw new Error(
        `the folder ${dirname(file)} for the SQLite database does not exist; create it (mkdir -p ${dirname(file)}) or fix DATABASE_URL`,
      );
    mkdirSync(dirname(file), { recursive: true });
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Statement journals (what undoes one statement, or one post's savepoint in a group commit,
  // while its transaction goes on) in memory: beyond 64 KB SQLite spilled them to a temporary file
  // that is never read back, three writes a reply post (docs/benchmarks.md). A statement's journal
  // is emptied when it ends; sorts that would outgrow memory are an import's index builds, which
  // put temporary data on disk (`sortsOnDisk`), as migrations do.
  sqlite.pragma('temp_store = memory');
  // Erased data (expired IP addresses, erased readers) is overwritten with zeros, not left in free pages of the file.
  sqlite.pragma('secure_delete = ON');
  // 16 MB of page cache (SERVING_CACHE_SIZE) instead of SQLite's 2 MB: the replies table's indexes
  // take random keys (email hash, address), and a long transaction whose dirty pages outgrow the
  // cache spills them to the WAL again and again. Memory used only as the database grows into it.
  sqlite.pragma(`cache_size = ${cacheMb === undefined ? SERVING_CACHE_SIZE : -Math.round(cacheMb * 1024)}`);
  // How long a writer waits for another process's write to finish before giving up (SQLITE_BUSY, a 503).
  sqlite.pragma('busy_timeout = 5000');
  // Prepared once: the page cache asks before every hit, and `pragma()` would compile it each time.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  return {
    db: new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
      ...(queryLog ? { log: (event) => queryLog({ sql: event.query.sql, ms: event.queryDurationMillis }) } : {}),
    }),
    // Changes whenever another connection (another process: a worker, the CLI) commits to the file.
    dataVersion: () => dataVersion.get() as number,
  };
}

/**
 * Writes a consistent copy of the live database to `file` (which must not exist yet): `VACUUM
 * INTO` reads one snapshot, so writers carry on meanwhile and the copy includes what sits in the WAL.
 */
export async function backupSqlite(db: Kysely<Database>, file: string): Promise<void> {
  await sql`vacuum into ${file}`.execute(db);
}
