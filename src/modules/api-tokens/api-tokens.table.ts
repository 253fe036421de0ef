import type { Generated } from 'kysely';
import type { TokenScope } from './api-tokens.js';

/** An API token: a member's key for programs, found by the SHA-256 of its secret. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  scope: TokenScope;
  token_hash: string;
  /** The token's first characters, shown in the newsroom to tell tokens apart. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
