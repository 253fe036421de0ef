import { sql, type Transaction } from 'kysely';
import type { Capabilities } from './capabilities.js';
import type { Database } from './schema.js';

/** What a bulk load must do once its rows are in: build the indexes it set aside. */
export interface DeferredIndexes {
  /** How many indexes were set aside (none when the table already held rows). */
  readonly count: number;
  /** Builds them again, inside the same transaction, exactly as they were. */
  restore(): Promise<void>;
}

/**
 * Sets a table's plain secondary indexes aside for a bulk load into it while it is EMPTY (a site
 * moving in). Updating an index row by row costs more as it outgrows the page cache (keys in no
 * particular order: slugs, email hashes, addresses); building it once from the loaded rows is a
 * sort. Unique indexes and the primary key stay: they enforce rules and answer the load's own
 * look-ups. A table that already holds rows keeps its indexes: readers of a live site depend on
 * them, and PostgreSQL would hold its strongest lock on the table meanwhile. All of it happens
 * inside `trx`: a failed load rolls the indexes back with the rows.
 */
export async function deferPlainIndexesWhileEmpty(
  trx: Transaction<Database>,
  caps: Pick<Capabilities, 'plainIndexes'>,
  table: keyof Database & string,
): Promise<DeferredIndexes> {
  const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(trx);
  const indexes = rows.length > 0 ? [] : await caps.plainIndexes(trx, table);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  return {
    count: indexes.length,
    async restore() {
      for (const index of indexes) await sql.raw(index.create).execute(trx);
    },
  };
}
