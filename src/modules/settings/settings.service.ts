import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import { normaliseDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import { readSetting, writeSetting, writeSettingOnce } from './settings.queries.js';

/** Reads and changes site settings. */
export interface SettingsService {
  discussion(): Promise<DiscussionSettings>;
  updateDiscussion(changes: Partial<DiscussionSettings>): Promise<DiscussionSettings>;
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
      // Written once and never changed, so one read per process is enough (every node reads the same row).
      secret ??= writeSettingOnce(db, 'site_secret', randomBytes(32).toString('base64url')).catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },
  };
}
