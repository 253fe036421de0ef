import type { Insertable } from 'kysely';
import type { Executor } from '../../storage/db.js';
import type { MediaTable } from './media.table.js';

/** Stores an upload's record; returns its id. */
export async function insertMedia(db: Executor, row: Insertable<MediaTable>): Promise<number> {
  const { id } = await db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An upload by id. */
export function findMedia(db: Executor, id: number) {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}
