import type { ColumnDataType, Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { FullText } from './full-text.js';

/**
 * What differs between the SQL dialects Gazette runs on, as one strategy object per dialect
 * (`dialects/sqlite.ts`, `dialects/postgres.ts`): a few facts, and builders that put the
 * dialect's own SQL into an otherwise portable Kysely query. Modules and migrations ask this
 * object, or hand their query to it, instead of testing which dialect they are on.
 *
 * What belongs here, and what does not:
 * - Locking: `claimForUpdate` (row claims) and `lockKeys` (serialising a check-then-insert).
 * - Full-text search (`fullText`, full-text.ts): builders for the matching articles with their
 *   rank, their highlighted passages, and replies matching a query: PostgreSQL's `tsvector @@
 *   tsquery`, SQLite's FTS5 `MATCH`. The indexes themselves are migration 040.
 * - Upserts and insert-or-ignore need no member: Kysely's `onConflict(…).doNothing()` and
 *   `.doUpdateSet(…)` compile to the same `ON CONFLICT` clause on SQLite (3.24 and later) and
 *   PostgreSQL, so modules use them directly. Add a builder only when the SQL must differ.
 */
export interface Capabilities {
  /** Which dialect this is, for messages to an operator (never for branching: ask for a builder). */
  readonly dialect: 'sqlite' | 'postgres';
  /** Column type of an auto-numbered primary key. */
  readonly autoIdType: ColumnDataType;
  /** Whether the primary key needs `.autoIncrement()` (SQLite) or numbers itself (`serial`). */
  readonly autoIdNeedsAutoIncrement: boolean;
  /** Whether the database itself can carry messages between processes (`LISTEN/NOTIFY`). */
  readonly notifications: boolean;
  /**
   * Whether tables live in named schemas (PostgreSQL), several of which may share one database:
   * then bookkeeping tables (the migrator's) must be pinned to the site's own schema.
   */
  readonly namedSchemas: boolean;
  /**
   * How many group-commit batches (`group-commit.ts`) may be in their transactions at once: SQLite
   * has one writer, so 1 (more would only queue on its one connection, in smaller batches);
   * PostgreSQL writes on several connections and merges concurrent commits' WAL flushes itself.
   */
  readonly concurrentWriteBatches: number;
  /** Whether a driver error is a unique-constraint violation (two writers raced for one key). */
  isUniqueViolation(error: unknown): boolean;
  /**
   * The unique key a violation names (its table and columns), or undefined for any other error:
   * each driver says it its own way (SQLite in the message, PostgreSQL in `table` and `detail`).
   */
  violatedUniqueKey(error: unknown): { table: string; columns: string[] } | undefined;
  /**
   * Makes a SELECT that picks rows to claim (a queue's next jobs) safe for concurrent claimers,
   * who then take disjoint rows without waiting for each other. PostgreSQL: appends
   * `FOR UPDATE SKIP LOCKED`, so rows another open transaction has claimed are passed over.
   * SQLite: returns the query unchanged; it has no row locks and needs none, since one writer at a
   * time holds the whole file and a claim made by a write statement is already exclusive.
   */
  claimForUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /**
   * Makes concurrent transactions that name any of the same `keys` run one after another from here
   * to their commit, so a check-then-insert rule (flood control, duplicates) holds under parallel
   * requests. PostgreSQL: transaction-scoped advisory locks (READ COMMITTED reads see what the
   * previous holder committed). SQLite: nothing to do, every write transaction begins IMMEDIATE and
   * so already holds the one write lock of the whole file.
   *
   * With `wait: false` it does not queue behind a holder but resolves false at once (having taken
   * none of the keys it could not get; those it got stay held until the transaction ends).
   */
  lockKeys(trx: Transaction<any>, keys: readonly string[], options?: { wait: boolean }): Promise<boolean>;
  /**
   * The plain secondary indexes of `table` (neither its primary key nor a unique one: those enforce
   * rules), each with the statement that makes it again exactly as it is now. A bulk load drops
   * them and builds them once at the end instead of updating them row by row. SQLite: the `sql`
   * sqlite_master keeps for each index `CREATE INDEX` made. PostgreSQL: `pg_get_indexdef` for the
   * table in the site's own schema.
   */
  plainIndexes(trx: Transaction<any>, table: string): Promise<{ name: string; create: string }[]>;
  /**
   * Narrows what the database keeps in this process's memory for a bulk load inside `trx` (an
   * import), and returns how to put it back. SQLite: its page cache (16 MB for serving, more with
   * SQLITE_CACHE_MB) can be the largest thing the import's process holds besides the JavaScript
   * heaps, and a load that appends rows (the replies' plain indexes set aside) gains little from
   * it: a larger cache is narrowed to 16 MB, a smaller one kept. PostgreSQL: nothing, the server's
   * buffers are not in this process.
   */
  narrowCacheForBulkLoad(trx: Transaction<any>): Promise<() => Promise<void>>;
  /**
   * Readies the database for one long bulk-load transaction, before it begins, and returns how to
   * put things back once it has ended (committed or not). SQLite: when this process has the file
   * to itself, a rollback journal instead of the write-ahead log. A transaction that writes
   * gigabytes grows the log as large, every page the load reads back is looked up in the log's
   * index (whose cost grows with the log), and the commit then copies it all into the file; with a
   * rollback journal new pages go straight to the file, once. While it runs, no other process can
   * use the file (a server started meanwhile stops with "the database is busy"). With another
   * connection open (a running server) nothing changes. Either way, the load's statement
   * journals are kept in memory (see `sortsOnDisk`). PostgreSQL: nothing.
   */
  journalForBulkLoad(db: Kysely<any>): Promise<() => Promise<void>>;
  /**
   * Sends temporary data to disk until the returned function puts the setting back: called before
   * building indexes over tables that may be large (an import's indexes set aside, migrations), in
   * or outside a transaction. SQLite keeps each statement's journal (what undoes one statement, or
   * one savepoint, while its transaction goes on) in memory up to 64 KB and in a temporary file
   * beyond, and never reads it back unless that statement fails: an import's multi-row inserts
   * wrote 311,000 times (608 MB) to such a file at a tenth of the import benchmark, a reply post
   * three times. So Gazette's SQLite connections keep temporary data in memory (a statement's
   * journal is emptied when it ends), and this puts it on disk for index builds, whose sorts grow
   * with the table (at full size the replies' sorts in memory took the import's peak from 277 to
   * 361 MB). PostgreSQL: nothing.
   */
  sortsOnDisk(db: Kysely<any>): Promise<() => Promise<void>>;
  /** Full-text search over articles and replies (full-text.ts). */
  readonly fullText: FullText;
}
