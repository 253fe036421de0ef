import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { TokenScope } from './api-tokens.js';

/** Inserts a token row; returns its id. */
export async function insertToken(
  db: Kysely<Database>,
  row: { user_id: number; name: string; scope: TokenScope; token_hash: string; prefix: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A member's tokens, live and revoked, newest first (at most `limit`). */
export function listTokens(db: Kysely<Database>, userId: number, limit: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

const withMember = (db: Kysely<Database>) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.scope',
      'api_tokens.prefix',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'users.id as user_id',
      'users.display_name',
    ]);

/** Every member's live tokens, newest first (at most `limit`), with whose they are. */
export function listLiveTokens(db: Kysely<Database>, limit: number) {
  return withMember(db).where('api_tokens.revoked_at', 'is', null).orderBy('api_tokens.id', 'desc').limit(limit).execute();
}

/** One token (live or revoked) with whose it is. */
export function findToken(db: Kysely<Database>, id: number) {
  return withMember(db).where('api_tokens.id', '=', id).executeTakeFirst();
}

/** Marks a token revoked (only a member's own when `userId` is given); returns whether one was. */
export async function revokeToken(db: Kysely<Database>, id: number, userId: number | null, at: string): Promise<boolean> {
  let update = db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId !== null) update = update.where('user_id', '=', userId);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A live token by the hash of its secret, with the member it acts as (one indexed read per API request). */
export function findByHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scope',
      'api_tokens.last_used_at',
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.author_id',
      'users.created_at',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes when a token was last used. */
export async function touchToken(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}
