import { createHash, randomBytes } from 'node:crypto';

/** What a token may do: read what its member may read, or also write what its member may write. */
export type TokenScope = 'read' | 'write';

/** The scopes, for forms and schemas. */
export const tokenScopes: readonly TokenScope[] = ['read', 'write'];

/** A token as the newsroom lists it: never its secret. */
export interface ApiTokenInfo {
  id: number;
  name: string;
  scope: TokenScope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** When it was revoked; a revoked token is listed (so the member sees what happened) but never accepted. */
  revokedAt: Date | null;
}

/** A token with the member it belongs to, as an administrator oversees everyone's. */
export interface MemberToken extends ApiTokenInfo {
  member: { id: number; name: string };
}

/** Every token starts so, which makes a leaked one easy to spot in logs and secret scanners. */
export const TOKEN_PREFIX = 'gzt_';

/** A new token's secret: 32 random bytes, the prefix marking it as Gazette's. */
export function newTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a token. A plain SHA-256 is enough (unlike a password): the secret is 256
 * random bits, so there is no dictionary to try, and a lookup by hash stays one indexed read.
 */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** How long the first characters shown in the newsroom are. */
export const SHOWN_PREFIX_LENGTH = 10;

/** A token's name, checked: what the member will recognise it by. */
export const TOKEN_NAME_LIMIT = 100;

/**
 * How often last-used time is written: at most once a minute per token, so a busy script does not
 * turn every read into a write.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;
