import type { Executor } from '../../storage/db.js';
import type { SpamTrainingTable } from './spam-training.table.js';
import type { Insertable, Selectable } from 'kysely';

/** A lesson as read. */
export type SpamLessonRow = Selectable<SpamTrainingTable>;

/** Records lessons. */
export async function insertLessons(db: Executor, rows: Insertable<SpamTrainingTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('spam_training').values(rows).execute();
}

/** Lessons after `afterId`, in the order learnt (a node catching up). */
export function lessonsAfter(db: Executor, afterId: number, limit: number): Promise<SpamLessonRow[]> {
  return db.selectFrom('spam_training').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** The lesson standing for a reply: its last learnt (positive) lesson, unless taken back since. */
export async function standingLessonOf(db: Executor, replyId: number): Promise<SpamLessonRow | undefined> {
  const last = await db.selectFrom('spam_training').selectAll().where('reply_id', '=', replyId).orderBy('id', 'desc').limit(2).execute();
  // A reply's lessons come in pairs when moved: [take back old, learn new]; the newest positive one stands.
  return last.find((row) => row.weight > 0);
}

/** What the filter needs of replies to learn from them. */
export function replyTexts(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('replies').select(['id', 'body', 'author_name', 'author_email', 'author_url']).where('id', 'in', ids).execute();
}
