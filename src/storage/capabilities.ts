import type { ColumnDataType, Transaction } from 'kysely';

/**
 * What differs between the SQL dialects Gazette runs on. Modules and migrations ask this object
 * instead of testing which dialect they are on.
 */
export interface Capabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** Column type of an auto-numbered primary key. */
  readonly autoIdType: ColumnDataType;
  /** Whether the primary key needs `.autoIncrement()` (SQLite) or numbers itself (`serial`). */
  readonly autoIdNeedsAutoIncrement: boolean;
  /**
   * Whether `SELECT … FOR UPDATE SKIP LOCKED` exists (PostgreSQL). Without it (SQLite) one writer
   * at a time holds the whole database, so a claim inside a write transaction is already exclusive.
   */
  readonly skipLocked: boolean;
  /** Whether the database itself can carry messages between processes (`LISTEN/NOTIFY`). */
  readonly notifications: boolean;
  /**
   * Whether tables live in named schemas (PostgreSQL), several of which may share one database:
   * then bookkeeping tables (the migrator's) must be pinned to the site's own schema.
   */
  readonly namedSchemas: boolean;
  /** Whether a driver error is a unique-constraint violation (two writers raced for one key). */
  isUniqueViolation(error: unknown): boolean;
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
}
