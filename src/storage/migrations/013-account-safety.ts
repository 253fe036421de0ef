import type { Kysely } from 'kysely';

/**
 * Sign-in limits that hold under parallel requests and cannot lock the owner out, and members an
 * administrator can switch off (issue 7).
 *
 * - `users.disabled_at`: set while a member is disabled; they cannot sign in and have no session.
 * - `sign_in_failures.device`: the known-device id an attempt came with ('' for none): attempts
 *   from a browser the owner signed in on before are counted apart from strangers' guesses.
 * - `sign_in_locks`: one row per throttle key (account, address, device). An attempt upserts its
 *   keys' rows first, in the transaction that counts and records it, so concurrent attempts on one
 *   key take turns (a row lock on PostgreSQL, the write lock on SQLite) and each sees the others.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema
    .alterTable('sign_in_failures')
    .addColumn('device', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sign_in_failures_device').on('sign_in_failures').columns(['device', 'created_at']).execute();
  await db.schema
    .createTable('sign_in_locks')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('touched_at', 'text', (col) => col.notNull())
    .execute();
}
