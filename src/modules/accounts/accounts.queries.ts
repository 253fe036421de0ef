import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../storage/schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const userColumns = ['users.id', 'users.email', 'users.display_name', 'users.role', 'users.author_id', 'users.created_at'] as const;

/** A user row without the password hash. */
export type UserRow = { id: number; email: string; display_name: string; role: Role; author_id: number; created_at: string };

/** How many accounts exist. */
export async function countUsers(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user and returns their id. */
export async function insertUser(
  db: Executor,
  row: { email: string; display_name: string; role: Role; password_hash: string; author_id: number; created_at: string },
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
  return db.selectFrom('users').select([...userColumns, 'users.password_hash']).where('email', '=', email).executeTakeFirst();
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

/** How many administrators there are. */
export async function countAdministrators(db: Executor): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'administrator').executeTakeFirstOrThrow();
  return Number(row.n);
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
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...userColumns, 'sessions.csrf_token'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst();
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

/** Records a failed sign-in. */
export async function insertFailure(db: Executor, email: string, ip: string, nowIso: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email, ip, created_at: nowIso }).execute();
}

/** Failed sign-ins since `sinceIso`: for this account, and from this address; plus the oldest of each. */
export async function recentFailures(db: Executor, email: string, ip: string, sinceIso: string) {
  const [byEmail, byIp] = await Promise.all([
    db
      .selectFrom('sign_in_failures')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('email', '=', email)
      .where('created_at', '>', sinceIso)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sign_in_failures')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('ip', '=', ip)
      .where('created_at', '>', sinceIso)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    account: { count: Number(byEmail.n), oldest: byEmail.oldest as string | null },
    address: { count: Number(byIp.n), oldest: byIp.oldest as string | null },
  };
}

/** Forgets an account's failures (after a successful sign-in) and those older than `beforeIso`. */
export async function clearFailures(db: Executor, email: string, beforeIso: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where((eb) => eb.or([eb('email', '=', email), eb('created_at', '<', beforeIso)])).execute();
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

/** How many tokens of a purpose a user was given since `sinceIso` (to cap reset mails). */
export async function countTokensSince(db: Executor, userId: number, purpose: 'setup' | 'reset', sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('account_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', sinceIso)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
