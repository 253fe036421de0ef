import { ConfigError } from './config.js';
import type { Container } from './container.js';
import { publishDemoArticleIfEmpty } from './modules/articles/index.js';
import { SiteSecretMismatch } from './modules/settings/index.js';
import { migrateToLatest } from './storage/db.js';

/** Brings the site's database to the latest migration (for the CLI, which must not reach into storage). */
export async function migrateSite(container: Container): Promise<void> {
  await migrateToLatest(container.storage);
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
  if (await publishDemoArticleIfEmpty(container)) {
    console.log('gazette: published the demo article on this new site.');
  }
  const setupLink = await container.accounts.issueSetupLink();
  if (setupLink) {
    console.log(
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
  } catch (error) {
    throw error instanceof SiteSecretMismatch ? new ConfigError(error.message) : error;
  }
}
