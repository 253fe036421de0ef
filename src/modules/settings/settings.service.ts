import type { Kysely } from 'kysely';
import type { Executor } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import { readSetting, writeSetting } from './settings.queries.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import { resolveEmailCipher, type EmailKeySources } from './email-key.js';
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
  /**
   * The cipher that seals commenter emails, from `SECRET_KEY` or the data directory's key file
   * (see email-key.ts); refuses a missing or different key. `within` as for `siteSecret`.
   */
  emailCipher(within?: Executor): Promise<EmailCipher>;
  /** Records the address a serving node answers at, so commands run beside it print links that work. */
  noteServedAddress(url: string): Promise<void>;
  /** The address the site was last served at, when a node has served it. */
  servedAddress(): Promise<string | undefined>;
}

/** The settings key of the address a node last served at. */
const SERVED_ADDRESS = 'served-address';

/** Settings over the `settings` table. */
export function createSettingsService(db: Kysely<Database>, secrets: SiteSecretSources, emailKey: EmailKeySources): SettingsService {
  let secret: Promise<string> | undefined;
  let cipher: Promise<EmailCipher> | undefined;
  return {
    async siteSecret(within) {
      // Never changes while the process runs, so it is found once (after the migrations: it reads settings).
      secret ??= resolveSiteSecret(within ?? db, secrets).catch((error: unknown) => {
        secret = undefined;
        throw error;
      });
      return secret;
    },
    async emailCipher(within) {
      cipher ??= resolveEmailCipher(within ?? db, emailKey).catch((error: unknown) => {
        cipher = undefined;
        throw error;
      });
      return cipher;
    },
    noteServedAddress: (url) => writeSetting(db, SERVED_ADDRESS, url),
    servedAddress: () => readSetting<string>(db, SERVED_ADDRESS),
  };
}
