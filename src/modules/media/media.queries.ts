import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Stores an upload's record; returns its id. */
export async function insertMedia(
  db: Executor,
  row: { key: string; original_name: string; width: number; height: number; variants_json: string; uploaded_by: number | null; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An upload by id. */
export function findMedia(db: Executor, id: number) {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}
