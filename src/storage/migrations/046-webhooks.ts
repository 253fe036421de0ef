import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * Webhooks (issue 14): URLs an administrator registers for events, and one row per event sent to
 * each (its attempts and the receiver's last answer). `dedupe_key` is unique per webhook, so the
 * same change announced on two nodes, or twice on one, is queued once.
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const id = [
    'id',
    caps.autoIdType,
    (col: any) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()),
  ] as const;
  await db.schema
    .createTable('webhooks')
    .addColumn(...id)
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('events', 'text', (col) => col.notNull())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn(...id)
    .addColumn('webhook_id', 'integer', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('dedupe_key', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('attempted_at', 'text')
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('webhook_deliveries_once', ['webhook_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_recent').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
