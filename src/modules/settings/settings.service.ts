import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { writeSettingOnce } from './settings.queries.js';

/**
 * Site-wide settings that belong to no other module. The discussion settings are the moderation
 * module's (src/modules/moderation), stored through this module's queries.
 */
export interface SettingsService {
  /**
   * The site's secret (keyed hashes, signed cookies). Made once, stored in the database, so every
   * node of a site shares it and restarts keep it.
   */
  siteSecret(): Promise<string>;
}

/** Settings over the `settings` table. */
export function createSettingsService(db: Kysely<Database>): SettingsService {
  let secret: Promise<string> | undefined;
  return {
    async siteSecret() {
      // Written once and never changed, so one read per process is enough (every node reads the same row).
      secret ??= writeSettingOnce(db, 'site_secret', randomBytes(32).toString('base64url')).catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },
  };
}
