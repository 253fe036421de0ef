import type { ColumnType, Generated } from 'kysely';
import type { Role } from './accounts.js';

/*
 * The accounts module's tables, as Kysely sees them (storage/schema.ts composes them into the
 * Database). Stored as storage/schema.ts says: timestamps as ISO-8601 UTC text.
 */

/** A member of the newsroom. */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  /** When an administrator disabled this member; null while they may sign in. */
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A signed-in session, found by the hash of its cookie. */
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

/** A failed (or still being checked) sign-in attempt; see accounts' CONTEXT.md. */
export interface SignInFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  /** The known-device id the attempt came with, '' for none. */
  device: Generated<string>;
  created_at: string;
}

/** One row per throttle key, upserted to serialise concurrent attempts on that key. */
export interface SignInLocksTable {
  key: string;
  touched_at: string;
}

/** A one-time link to set up an account or reset its password, found by its hash. */
export interface AccountTokensTable {
  token_hash: string;
  purpose: 'setup' | 'reset';
  user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
