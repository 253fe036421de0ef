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

/** Uploads by key (the folder name in their address). */
export function findMediaByKeys(db: Executor, keys: string[]) {
  return db.selectFrom('media').selectAll().where('key', 'in', keys).execute();
}

/** The most recent uploads first, `limit` of them, older than the upload `beforeId` when given. */
export function listMedia(db: Executor, options: { limit: number; beforeId?: number }) {
  let query = db.selectFrom('media').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
