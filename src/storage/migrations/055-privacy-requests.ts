import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * Personal data, self-service (issue 13). One row per request on the privacy page: the keyed hash
 * of the address asked about (never the address), a keyed hash of the sender's network address
 * (for the rate limit only), and whether a link was mailed. The row, not the link, decides what a
 * link may still do: it expires, and `used_at` makes it single-use for an erasure. Rows are purged
 * a day after they expire (see the privacy module's CONTEXT.md).
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', caps.autoIdType, (col) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()))
    .addColumn('email_hash', 'text', (col) => col.notNull())
    .addColumn('sender_hash', 'text', (col) => col.notNull())
    .addColumn('mailed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('privacy_requests_email').on('privacy_requests').columns(['email_hash', 'created_at']).execute();
  await db.schema.createIndex('privacy_requests_sender').on('privacy_requests').columns(['sender_hash', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_requests').execute();
}
