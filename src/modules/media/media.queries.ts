import type { Executor } from '../../storage/db.js';

/** Stores an upload's record; returns its id. */
export async function insertMedia(
  db: Executor,
  row: {
    key: string;
    original_name: string;
    width: number;
    height: number;
    variants_json: string;
    uploaded_by: number | null;
    created_at: string;
  },
): Promise<number> {
  const { id } = await db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An upload by id. */
export function findMedia(db: Executor, id: number) {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}
