import type { Kysely } from 'kysely';
import type { Capabilities } from './capabilities.js';

/**
 * Runs `load` (one long bulk-load transaction: an import) with the journal the dialect keeps for
 * such a load (`Capabilities.journalForBulkLoad`: on SQLite, a rollback journal while this
 * process has the file to itself), and puts the usual one back afterwards, also when the load
 * fails. Putting it back may itself fail (another process opened the file meanwhile): the load's
 * outcome stands, and a server's next start puts the write-ahead log back as it opens the file.
 */
export async function withBulkLoadJournal<T>(
  storage: { db: Kysely<any>; caps: Pick<Capabilities, 'journalForBulkLoad'> },
  load: () => Promise<T>,
): Promise<T> {
  const restore = await storage.caps.journalForBulkLoad(storage.db);
  try {
    return await load();
  } finally {
    await restore().catch(() => {});
  }
}
