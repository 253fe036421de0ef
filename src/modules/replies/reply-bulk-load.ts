import { sql, type Transaction } from 'kysely';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';

/** What a bulk load must do once its rows are in: build the indexes it set aside. */
export interface DeferredIndexes {
  /** How many indexes were set aside (none when the table already held replies). */
  readonly count: number;
  /** Builds them again, inside the same transaction, exactly as they were. */
  restore(): Promise<void>;
}

/**
 * Sets the replies table's plain secondary indexes aside for a bulk load into an EMPTY table (a
 * site moving in). Updating six indexes row by row is most of what inserting a reply costs once
 * they outgrow the page cache (random keys: email hashes, addresses); building each once from the
 * loaded rows is a sort. Unique indexes and the primary key stay: they enforce rules and answer
 * the import's own look-ups. A table that already holds replies keeps its indexes: readers of a
 * live site depend on them, and PostgreSQL would hold its strongest lock on the table meanwhile.
 * All of it happens inside `trx`: a failed import rolls the indexes back with the rows.
 */
export async function deferReplyIndexes(trx: Transaction<Database>, caps: Pick<Capabilities, 'plainIndexes'>): Promise<DeferredIndexes> {
  const hasReplies = (await trx.selectFrom('replies').select('id').limit(1).executeTakeFirst()) !== undefined;
  const indexes = hasReplies ? [] : await caps.plainIndexes(trx, 'replies');
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  return {
    count: indexes.length,
    async restore() {
      for (const index of indexes) await sql.raw(index.create).execute(trx);
    },
  };
}
