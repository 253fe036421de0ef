import type { Kysely } from 'kysely';

/**
 * Webhooks an administrator pauses from the newsroom (issue 14): while `disabled_at` is set, no
 * new delivery is queued for the webhook; deliveries already queued are still tried.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhooks').addColumn('disabled_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhooks').dropColumn('disabled_at').execute();
}
