import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * What the spam filter learnt on this site (issue 10): one row per lesson, in the order learnt. A
 * moderator marking a reply spam adds `spam` with a positive weight; "not spam" on it takes that
 * lesson back (the same features, a negative weight) and adds `ham`. Every node replays the rows
 * it has not seen on top of the shipped model, so all nodes judge alike without sharing memory.
 * `features` is the JSON list the lesson was learnt from, so taking it back is exact.
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('spam_training')
    .addColumn('id', caps.autoIdType, (col) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()))
    .addColumn('reply_id', 'integer')
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('weight', 'double precision', (col) => col.notNull())
    .addColumn('features', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('spam_training_reply').on('spam_training').columns(['reply_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('spam_training').execute();
}
