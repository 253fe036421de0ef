import type { Kysely } from 'kysely';

/**
 * Bots stopped before the rules (issue 10): `used_form_tokens` remembers the nonce of every reply
 * form token already posted, so a second post of the same form (a replayed token) is held. A row
 * is needed only until its token would be refused as too old anyway (`expires_at`); the scheduler
 * purges older rows. The nonce is the key: two parallel posts of one token cannot both insert it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('used_form_tokens')
    .addColumn('nonce', 'text', (col) => col.primaryKey())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('used_form_tokens_expires').on('used_form_tokens').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('used_form_tokens').execute();
}
