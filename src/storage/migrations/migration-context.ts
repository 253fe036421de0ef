import type { Kysely } from 'kysely';

/**
 * What a migration may need beyond the database: the cipher that seals commenter emails (its key
 * lives outside the database, in configuration or the key file). Resolved through the migration's
 * own executor, on first use only; absent when the caller has no key at hand (a fresh test schema).
 */
export interface MigrationContext {
  sealEmail?(db: Kysely<any>): Promise<(email: string) => string>;
}
