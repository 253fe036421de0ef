import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/** The audit trail, and what moderation adds to a reply: a reason, a staff author, an edit time. */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const autoId = (name: string) =>
    [name, caps.autoIdType, (col: any) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey())] as const;

  await db.schema
    .createTable('audit_log')
    .addColumn(...autoId('id'))
    // The name is copied so the trail still reads right after an account is renamed or removed.
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('before_json', 'text', (col) => col.notNull().defaultTo('null'))
    .addColumn('after_json', 'text', (col) => col.notNull().defaultTo('null'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'created_at']).execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();

  await db.schema
    .alterTable('replies')
    .addColumn('moderation_reason', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('replies').addColumn('staff_user_id', 'integer').execute();
  await db.schema.alterTable('replies').addColumn('edited_at', 'text').execute();
}
