import type { Kysely } from 'kysely';
import type { Executor } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import { resolveSiteSecret, type SiteSecretSources } from './site-secret.js';

/**
 * Site-wide settings that belong to no other module. The discussion settings are the moderation
 * module's (src/modules/moderation), stored through this module's queries.
 */
export interface SettingsService {
  /**
   * The site's secret (keyed hashes, signed cookies), from configuration or the data directory's
   * key file, never from the database it protects (see site-secret.ts). `within`: the caller's
   * open transaction, which the first look-up reads through (on SQLite, with its one connection, a
   * read beside the transaction would wait for it forever).
   */
  siteSecret(within?: Executor): Promise<string>;
}

/** Settings over the `settings` table. */
export function createSettingsService(db: Kysely<Database>, secrets: SiteSecretSources): SettingsService {
  let secret: Promise<string> | undefined;
  return {
    async siteSecret(within) {
      // Never changes while the process runs, so it is found once (after the migrations: it reads settings).
      secret ??= resolveSiteSecret(within ?? db, secrets).catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },
  };
}
