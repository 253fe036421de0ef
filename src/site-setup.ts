import { ConfigError } from './config.js';
import type { Container } from './container.js';
import { publishDemoArticleIfEmpty } from './modules/articles/index.js';
import { EmailKeyProblem, SiteSecretMismatch } from './modules/settings/index.js';
import { migrateToLatest } from './storage/db.js';

/** Brings the site's database to the latest migration (for the CLI, which must not reach into storage). */
export async function migrateSite(container: Container): Promise<void> {
  try {
    // Migration 035 seals the emails stored before encryption, with the key found through its own transaction.
    await migrateToLatest(container.storage, { sealEmail: async (db) => (await container.settings.emailCipher(db)).seal });
  } catch (error) {
    throw error instanceof EmailKeyProblem ? new ConfigError(error.message) : error;
  }
}

/**
 * Readies the database before anything serves: migrates, publishes the demo article on a new site,
 * and, while nobody can sign in, prints a one-time link to create the first administrator (there is
 * no fixed default password). Run once per start: by `gazette serve`, or by the cluster primary.
 */
export async function prepareSite(container: Container): Promise<void> {
  await migrateSite(container);
  // After the migrations (an old site's secret is still in its settings table), before anything is hashed.
  await checkSiteSecret(container);
  // Words for the person at the terminal go to standard error: standard output carries only the
  // JSON log lines, so a log shipper never meets a plain-text line (issue 11, item 10).
  if (await publishDemoArticleIfEmpty(container)) {
    console.error('gazette: published the demo article on this new site.');
  }
  const setupLink = await container.accounts.issueSetupLink();
  if (setupLink) {
    console.error(
      `gazette: nobody can sign in yet. Create the first administrator here (works once, for 24 hours):\n  ${setupLink}\n  (or run: gazette user add --email … --name … with the password on standard input)`,
    );
  }
}

/**
 * Finds the site secret now (moving an old site's out of the database, or making the key file), so a
 * secret that does not match the site's fingerprints stops start-up with a clear message.
 */
export async function checkSiteSecret(container: Container): Promise<void> {
  try {
    await container.settings.siteSecret();
    // The email key too: a missing or different one stops start-up before any email is written with it.
    await container.settings.emailCipher();
  } catch (error) {
    throw error instanceof SiteSecretMismatch || error instanceof EmailKeyProblem ? new ConfigError(error.message) : error;
  }
}
