import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * API tokens (issue 14): programs sign in with a token a member made in the newsroom. Only the
 * SHA-256 of the secret is stored; `prefix` is the token's first characters, shown so a member can
 * tell their tokens apart without the secret ever being readable again.
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', caps.autoIdType, (col) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
