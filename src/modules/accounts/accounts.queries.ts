import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../../storage/db.js';
import type { Role } from './accounts.js';

const userColumns = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.role',
  'users.author_id',
  'users.created_at',
  'users.disabled_at',
] as const;

/** A user row without the password hash. */
export type UserRow = {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  author_id: number;
  created_at: string;
  disabled_at: string | null;
};

/** Every member's display name and email, for telling readers apart from the newsroom. */
export function listMemberIdentities(db: Executor): Promise<{ display_name: string; email: string }[]> {
  return db.selectFrom('users').select(['display_name', 'email']).execute();
}

/** How many accounts exist. */
export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user and returns their id. */
export async function insertUser(
  db: Executor,
  row: {
    email: string;
    display_name: string;
    role: Role;
    password_hash: string;
    author_id: number;
    created_at: string;
    disabled_at?: string | null;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({ ...row, updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A user by id. */
export function findUser(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

/** A user by (normalised) email, with the password hash, for signing in. */
export function findUserWithHash(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'users.password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** Every user, by name. */
export function listUsers(db: Executor): Promise<UserRow[]> {
  return db.selectFrom('users').select(userColumns).orderBy('display_name').orderBy('id').execute();
}

/** Changes a user's role. */
export async function updateRole(db: Executor, id: number, role: Role, nowIso: string): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: nowIso }).where('id', '=', id).execute();
}

/** Replaces a user's password hash. */
export async function updatePasswordHash(db: Executor, id: number, hash: string, nowIso: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash, updated_at: nowIso }).where('id', '=', id).execute();
}

/** How many administrators can sign in (disabled ones do not count). */
export async function countActiveAdministrators(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'administrator')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Locks the administrators' rows until the caller's transaction ends, before "is this the last
 * active administrator?" is asked: two administrators disabling each other at the same moment then
 * take turns, and the second sees the first's change (a no-op UPDATE locks rows on PostgreSQL and
 * makes SQLite's transaction the writer; SELECT … FOR UPDATE does not exist on SQLite).
 */
export async function lockAdministrators(db: Executor): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('role', '=', 'administrator')
    .execute();
}

/** Disables (a time) or enables (null) a member. */
export async function setDisabledAt(db: Executor, id: number, disabledAt: string | null, nowIso: string): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt, updated_at: nowIso }).where('id', '=', id).execute();
}

/** Deletes a member; their sessions and one-time tokens go with them (ON DELETE CASCADE). */
export async function deleteUser(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Stores a session (by the hash of its id). */
export async function insertSession(
  db: Executor,
  row: { id_hash: string; user_id: number; csrf_token: string; created_at: string; expires_at: string; ip: string; user_agent: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session and its user. */
export function findSession(db: Executor, idHash: string, nowIso: string) {
  return (
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([...userColumns, 'sessions.csrf_token'])
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', nowIso)
      // Disabling deletes the sessions too; this also covers one opened in the same instant.
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst()
  );
}

/** Ends one session. */
export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOf(db: Executor, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops expired sessions. */
export async function deleteExpiredSessions(db: Executor, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

/**
 * Takes the throttle's row lock for each key, in the caller's transaction, until it commits. An
 * upsert rather than a SELECT … FOR UPDATE: it works on both dialects, creates the row on first
 * use, and makes SQLite's transaction a writer from its first statement (so it waits for the write
 * lock up front instead of failing to upgrade a read snapshot). Keys are taken in sorted order, so
 * two attempts needing the same two keys cannot deadlock.
 */
export async function lockThrottleKeys(db: Executor, keys: string[], nowIso: string): Promise<void> {
  // One statement for all keys: the lock is held for fewer round trips while others queue on it.
  await db
    .insertInto('sign_in_locks')
    .values([...new Set(keys)].sort().map((key) => ({ key, touched_at: nowIso })))
    .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: (eb) => eb.ref('excluded.touched_at') }))
    .execute();
}

/** Records a sign-in attempt as failed (until its password proves right); returns its id. */
export async function insertFailure(db: Executor, row: { email: string; ip: string; device: string; created_at: string }): Promise<number> {
  const { id } = await db.insertInto('sign_in_failures').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Forgets one attempt (its password was right). */
export async function deleteFailure(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('id', '=', id).execute();
}

/** A count of failures and the oldest of them (when the count next drops). */
export interface FailureCount {
  count: number;
  oldest: string | null;
}

function toCount(n: unknown, oldest: unknown): FailureCount {
  return { count: Number(n ?? 0), oldest: (oldest as string | null) ?? null };
}

/** Failures since `sinceIso` from a known device of the account. */
export async function recentDeviceFailures(db: Executor, device: string, sinceIso: string): Promise<FailureCount> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('device', '=', device)
    .where('created_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return toCount(row.n, row.oldest);
}

/**
 * Failures since `sinceIso` without a known device: for this account from this address, from this
 * address over all accounts, and for this account from everywhere. One statement (conditional
 * aggregates), since it runs while the throttle's locks are held.
 */
export async function recentStrangerFailures(db: Executor, email: string, ip: string, sinceIso: string) {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => {
      const both = eb.and([eb('email', '=', email), eb('ip', '=', ip)]);
      // count() skips NULLs and min() ignores them: each aggregate sees only the rows `cond` picks.
      const pick = (cond: Expression<SqlBool>, value: 1 | 'created_at') =>
        eb
          .case()
          .when(cond)
          .then(value === 1 ? eb.lit(1) : eb.ref('created_at'))
          .else(eb.lit(null))
          .end();
      return [
        eb.fn.count(pick(both, 1)).as('pair_n'),
        eb.fn.min(pick(both, 'created_at')).as('pair_oldest'),
        eb.fn.count(pick(eb('ip', '=', ip), 1)).as('ip_n'),
        eb.fn.min(pick(eb('ip', '=', ip), 'created_at')).as('ip_oldest'),
        eb.fn.count(pick(eb('email', '=', email), 1)).as('email_n'),
        eb.fn.min(pick(eb('email', '=', email), 'created_at')).as('email_oldest'),
      ];
    })
    .where('device', '=', '')
    .where('created_at', '>', sinceIso)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return {
    accountFromAddress: toCount(row.pair_n, row.pair_oldest),
    address: toCount(row.ip_n, row.ip_oldest),
    account: toCount(row.email_n, row.email_oldest),
  };
}

/**
 * After a successful sign-in: forgets what that person got wrong (this account from this address,
 * or on this device), plus every failure and lock older than `beforeIso`. Strangers' failures on the
 * account from elsewhere stay counted.
 */
export async function clearFailures(db: Executor, mine: { email: string; ip: string; device: string }, beforeIso: string): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where((eb) =>
      eb.or([
        mine.device
          ? eb('device', '=', mine.device)
          : eb.and([eb('email', '=', mine.email), eb('ip', '=', mine.ip), eb('device', '=', '')]),
        eb('created_at', '<', beforeIso),
      ]),
    )
    .execute();
  await db.deleteFrom('sign_in_locks').where('touched_at', '<', beforeIso).execute();
}

/** Deletes throttle records and locks older than `beforeIso`; returns how many failures went. */
export async function purgeThrottle(db: Executor, beforeIso: string): Promise<number> {
  const result = await db.deleteFrom('sign_in_failures').where('created_at', '<', beforeIso).executeTakeFirst();
  await db.deleteFrom('sign_in_locks').where('touched_at', '<', beforeIso).execute();
  return Number(result.numDeletedRows);
}

/** Stores a one-time token (by hash). */
export async function insertToken(
  db: Executor,
  row: { token_hash: string; purpose: 'setup' | 'reset'; user_id: number | null; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('account_tokens').values(row).execute();
}

/** A one-time token that is unused and unexpired. */
export function findLiveToken(db: Executor, tokenHash: string, purpose: 'setup' | 'reset', nowIso: string) {
  return db
    .selectFrom('account_tokens')
    .select(['token_hash', 'user_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
}

/**
 * Marks a token used; true only for the one caller whose UPDATE found it unused, so a token works
 * exactly once even when two requests race.
 */
export async function useToken(db: Executor, tokenHash: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('account_tokens')
    .set({ used_at: nowIso })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Spends every live token of a purpose a user holds (after a reset, or when they are disabled). */
export async function useTokensOf(db: Executor, userId: number, purpose: 'setup' | 'reset', nowIso: string): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: nowIso })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
