import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import {
  hashToken,
  LAST_USED_RESOLUTION_MS,
  newTokenSecret,
  SHOWN_PREFIX_LENGTH,
  TOKEN_NAME_LIMIT,
  TOKEN_PREFIX,
  tokenScopes,
  type ApiTokenInfo,
  type MemberToken,
  type TokenScope,
} from './api-tokens.js';
import * as q from './api-tokens.queries.js';
import type { User } from '../accounts/index.js';

/** A program signed in by a token: the member it acts as, and what the token allows. */
export interface TokenHolder {
  user: User;
  scope: TokenScope;
  tokenId: number;
}

/** Members' API tokens: made and revoked in the newsroom, checked on every API request. */
export interface ApiTokensService {
  /** Makes a token for a member; the secret is returned this once and never stored. */
  create(userId: number, input: { name: string; scope: string }): Promise<{ id: number; secret: string }>;
  /** A member's tokens, live and revoked, newest first (the newsroom's list; never a secret). */
  list(userId: number): Promise<ApiTokenInfo[]>;
  /** Every member's live tokens, newest first, with whose they are (for administrators). */
  listLive(): Promise<MemberToken[]>;
  /** One token with whose it is, live or revoked; undefined when there is none. */
  find(id: number): Promise<MemberToken | undefined>;
  /**
   * Revokes a live token: one of the member's own (`userId`), or anyone's (`userId` null: the
   * caller has checked the actor may). NotFound when there is no such live token.
   */
  revoke(userId: number | null, id: number): Promise<void>;
  /** The member a presented secret acts as, or undefined (unknown, revoked, or the member disabled). */
  authenticate(secret: string): Promise<TokenHolder | undefined>;
}

/** The most tokens a list shows (a member makes a handful; this only bounds a page). */
const LIST_LIMIT = 500;

type TokenRow = Awaited<ReturnType<typeof q.listTokens>>[number];

function toInfo(r: TokenRow): ApiTokenInfo {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    prefix: r.prefix,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}

function toMemberToken(r: TokenRow & { user_id: number; display_name: string }): MemberToken {
  return { ...toInfo(r), member: { id: r.user_id, name: r.display_name } };
}

/** The tokens service over the database. */
export function createApiTokensService(deps: { db: Kysely<Database>; clock: Clock }): ApiTokensService {
  const { db, clock } = deps;
  return {
    async create(userId, input) {
      const name = input.name.replace(/\s+/g, ' ').trim();
      if (!name) throw new Invalid('Give the token a name, such as the script that will use it.', 'name');
      if (name.length > TOKEN_NAME_LIMIT) throw new Invalid(`A token's name is at most ${TOKEN_NAME_LIMIT} characters.`, 'name');
      if (!tokenScopes.includes(input.scope as TokenScope)) throw new Invalid('Choose read-only or read-write.', 'scope');
      const secret = newTokenSecret();
      const id = await q.insertToken(db, {
        user_id: userId,
        name,
        scope: input.scope as TokenScope,
        token_hash: hashToken(secret),
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        created_at: clock.now().toISOString(),
      });
      return { id, secret };
    },

    async list(userId) {
      return (await q.listTokens(db, userId, LIST_LIMIT)).map(toInfo);
    },

    async listLive() {
      return (await q.listLiveTokens(db, LIST_LIMIT)).map(toMemberToken);
    },

    async find(id) {
      const row = await q.findToken(db, id);
      return row ? toMemberToken(row) : undefined;
    },

    async revoke(userId, id) {
      if (!(await q.revokeToken(db, id, userId, clock.now().toISOString())))
        throw new NotFound(userId === null ? 'There is no such live token.' : 'You have no such token.');
    },

    async authenticate(secret) {
      // Anything not shaped like our tokens is refused without a query.
      if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 100) return undefined;
      const row = await q.findByHash(db, hashToken(secret));
      if (!row || row.disabled_at !== null) return undefined;
      const now = clock.now();
      if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
        await q.touchToken(db, row.token_id, now.toISOString());
      }
      return {
        tokenId: row.token_id,
        scope: row.scope,
        user: {
          id: row.id,
          email: row.email,
          name: row.display_name,
          role: row.role,
          authorId: row.author_id,
          createdAt: new Date(row.created_at),
          disabledAt: null,
        },
      };
    },
  };
}
