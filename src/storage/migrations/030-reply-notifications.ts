import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * Reply notifications (issue 13). A subscription belongs to the reply whose author ticked "Notify
 * me": it holds the author's keyed email hash, never the address (read from the reply when a mail
 * goes out, so encrypting addresses at rest leaves this table alone). Members choose how they hear
 * of held replies in `notify_member_settings`.
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('notify_subscriptions')
    .addColumn('id', caps.autoIdType, (col) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()))
    .addColumn('reply_id', 'integer', (col) => col.notNull().unique().references('replies.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (col) => col.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('email_hash', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull().defaultTo('answers'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('notify_subscriptions_email').on('notify_subscriptions').columns(['email_hash', 'status']).execute();
  await db.schema.createIndex('notify_subscriptions_article').on('notify_subscriptions').columns(['article_id', 'status']).execute();
  await db.schema
    .createTable('notify_member_settings')
    .addColumn('user_id', 'integer', (col) => col.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('held_replies', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notify_member_settings').execute();
  await db.schema.dropTable('notify_subscriptions').execute();
}
