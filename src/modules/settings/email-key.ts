import { createEmailCipher, newEmailKey, type EmailCipher } from '../../lib/email-cipher.js';
import type { Logger } from '../../lib/logger.js';
import type { Executor } from '../../storage/db.js';
import { readSetting, writeSetting, writeSettingOnce } from './settings.queries.js';
import { createKeyFile, readKeyFile } from './site-secret.js';

/** Where the key that encrypts commenter emails may come from: configuration, then the key file. */
export interface EmailKeySources {
  /** `SECRET_KEY` / `SECRET_KEY_FILE`, when set. */
  configured?: string;
  /** `secret.key` in the data directory, read or made when nothing is configured. */
  keyFile: string;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Raised when the key at hand is missing or is not the one the site's emails were encrypted with. */
export class EmailKeyProblem extends Error {}

/** The settings key of the id of the key the stored emails are sealed with (an HMAC of the key, not the key). */
export const EMAIL_KEY_ID_SETTING = 'email_key_id';

const FIX =
  'Give every node the same key: set SECRET_KEY (or SECRET_KEY_FILE) to the original, or copy the original secret.key into the data directory (see docs/security.md).';

/**
 * Finds the key that seals commenter emails: the configured one, else the key file, else (on a
 * site that has never sealed one) a new key in a new key file, made 0600. The database keeps only
 * the key's id, so a site whose key went missing or changed refuses to start instead of writing
 * emails that nobody could read back beside ones nobody can read now.
 */
export async function resolveEmailCipher(db: Executor, sources: EmailKeySources): Promise<EmailCipher> {
  const expected = await readSetting<string>(db, EMAIL_KEY_ID_SETTING);
  let material = sources.configured ?? (await readKeyFile(sources.keyFile));
  const origin = sources.configured ? 'SECRET_KEY' : `the key file ${sources.keyFile}`;
  if (material === undefined) {
    if (expected !== undefined) {
      throw new EmailKeyProblem(
        `the key that encrypts this site's commenter emails is missing (no SECRET_KEY, no ${sources.keyFile}). ${FIX}`,
      );
    }
    material = await createKeyFile(sources.keyFile, newEmailKey());
    sources.logger.info({ keyFile: sources.keyFile }, 'made a new email encryption key in its key file');
  }
  const cipher = createEmailCipher(material);
  const stored = expected ?? (await writeSettingOnce(db, EMAIL_KEY_ID_SETTING, cipher.keyId));
  if (stored !== cipher.keyId) {
    throw new EmailKeyProblem(
      `the key from ${origin} is not the one this site's commenter emails were encrypted with; using it would write emails nobody could read. ${FIX}`,
    );
  }
  return cipher;
}

/** Records that the stored emails are now sealed with `cipher`'s key (`gazette keys rotate`, inside its transaction). */
export async function noteEmailKey(db: Executor, cipher: EmailCipher): Promise<void> {
  await writeSetting(db, EMAIL_KEY_ID_SETTING, cipher.keyId);
}
