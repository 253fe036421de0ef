import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { normaliseDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import { readSetting, writeSetting } from './settings.queries.js';
import { resolveSiteSecret, type SiteSecretSources } from './site-secret.js';

/** Reads and changes site settings. */
export interface SettingsService {
  discussion(): Promise<DiscussionSettings>;
  updateDiscussion(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings>;
  /**
   * The site's secret (keyed hashes, signed cookies), from configuration or the data directory's
   * key file, never from the database it protects (see site-secret.ts).
   */
  siteSecret(): Promise<string>;
}

/** Settings over the `settings` table. */
export function createSettingsService(db: Kysely<Database>, secrets: SiteSecretSources): SettingsService {
  let secret: Promise<string> | undefined;
  return {
    async discussion() {
      return normaliseDiscussionSettings(await readSetting<Partial<DiscussionSettings>>(db, 'discussion'));
    },
    async updateDiscussion(changes) {
      const current = normaliseDiscussionSettings(await readSetting<Partial<DiscussionSettings>>(db, 'discussion'));
      const next = normaliseDiscussionSettings({ ...current, ...changes });
      await writeSetting(db, 'discussion', next);
      return next;
    },
    async siteSecret() {
      // Never changes while the process runs, so it is found once (after the migrations: it reads settings).
      secret ??= resolveSiteSecret(db, secrets).catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },
  };
}
