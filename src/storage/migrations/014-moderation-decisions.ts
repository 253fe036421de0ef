import type { Kysely } from 'kysely';

/**
 * The machine's moderation verdict, stored apart from the moderator's note (issue 8), and the
 * kind of actor in the audit trail, so a terminal command names itself there.
 *
 * - `replies.decision_status`, `decision_reason`, `decision_score`: what the judge decided when the
 *   reply came in and why. Only moderators see them; `moderation_reason` stays the note a
 *   moderator writes to the reply's author. Older replies have no stored verdict (null, '').
 * - `audit_log.actor_kind`: 'user', 'system' or 'cli'. Existing rows without a member were written
 *   by Gazette itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('replies').addColumn('decision_status', 'text').execute();
  await db.schema
    .alterTable('replies')
    .addColumn('decision_reason', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('replies').addColumn('decision_score', 'double precision').execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('actor_kind', 'text', (col) => col.notNull().defaultTo('user'))
    .execute();
  await db.updateTable('audit_log').set({ actor_kind: 'system' }).where('actor_user_id', 'is', null).execute();
}
