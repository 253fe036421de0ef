import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../lib/logger.js';
import type { Executor } from '../../storage/db.js';
import { readSetting, writeSettingOnce } from './settings.queries.js';

/** Where the site secret may come from, in order: configuration, then the key file. */
export interface SiteSecretSources {
  /** `SITE_SECRET` / `SITE_SECRET_FILE`, when set. */
  configured?: string;
  /** The key file in the data directory, read or made when nothing is configured. */
  keyFile: string;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Raised when the secret at hand is not the one the site's fingerprints were made with. */
export class SiteSecretMismatch extends Error {}

/** Before issue 8 the secret lived in the database it keys; read once to move it out. */
const LEGACY_SECRET_KEY = 'site_secret';
/** A keyed check value: proves which secret made the fingerprints without storing the secret. */
const CHECK_KEY = 'site_secret_check';

function checkValue(secret: string): string {
  return createHmac('sha256', secret).update('gazette site secret check v1').digest('hex');
}

/** The trimmed contents of a key file, or undefined when there is none. */
export async function readKeyFile(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `secret` to `file` (owner-only, 0600) unless another process got there first; returns the
 * secret the file holds afterwards. Written aside and linked into place, so nobody reads half a key.
 */
export async function createKeyFile(file: string, secret: string): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, `${secret}\n`, { mode: 0o600, flag: 'wx', flush: true });
  try {
    await link(aside, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readKeyFile(file)) ?? secret;
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * Finds the site secret: the configured one, else the key file, else the one an older Gazette kept
 * in the database (moved to the key file, then deleted there), else a new one in a new key file.
 * The database keeps only a keyed check value, so a secret that would silently change every
 * fingerprint (a typo in SITE_SECRET, a second node with its own key file) stops start-up instead.
 */
export async function resolveSiteSecret(db: Executor, sources: SiteSecretSources): Promise<string> {
  const legacy = await readSetting<string>(db, LEGACY_SECRET_KEY);
  let secret = sources.configured ?? (await readKeyFile(sources.keyFile));
  const origin = sources.configured ? 'SITE_SECRET' : `the key file ${sources.keyFile}`;
  if (secret === undefined) {
    secret = await createKeyFile(sources.keyFile, legacy ?? randomBytes(32).toString('base64url'));
    sources.logger.info(
      { keyFile: sources.keyFile },
      legacy ? 'moved the site secret from the database to its key file' : 'made a new site secret in its key file',
    );
  }
  const expected =
    (await readSetting<string>(db, CHECK_KEY)) ?? (legacy ? checkValue(legacy) : await writeSettingOnce(db, CHECK_KEY, checkValue(secret)));
  if (checkValue(secret) !== expected) {
    throw new SiteSecretMismatch(
      `the site secret from ${origin} is not the one this site's email fingerprints were made with; using it would break every fingerprint. ` +
        'Give every node the same secret: set SITE_SECRET (or SITE_SECRET_FILE) to the original, or copy the original site-secret.key into the data directory.',
    );
  }
  if (legacy !== undefined) {
    // The check value first: once the secret leaves the database, it is all that tells a wrong secret apart.
    await writeSettingOnce(db, CHECK_KEY, expected);
    await db.deleteFrom('settings').where('key', '=', LEGACY_SECRET_KEY).execute();
  }
  return secret;
}
