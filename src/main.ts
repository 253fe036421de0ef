import { buildApp } from './app.js';
import { loadConfig, ConfigError } from './config.js';
import { createContainer } from './container.js';
import { publishDemoArticleIfEmpty } from './modules/articles/index.js';
import { migrateToLatest } from './storage/db.js';

/** Loads config, migrates, seeds a new site, serves, and shuts down cleanly on a signal. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gazette: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const container = createContainer(config);
  await migrateToLatest(container.storage);
  if (await publishDemoArticleIfEmpty(container.articles)) {
    console.log('gazette: published the demo article on this new site.');
  }
  // No fixed default password: a new site prints a one-time link to create the first administrator.
  const setupLink = await container.accounts.issueSetupLink();
  if (setupLink) {
    console.log(`gazette: nobody can sign in yet. Create the first administrator here (works once, for 24 hours):\n  ${setupLink}\n  (or run: gazette user add --email … --name … with the password on standard input)`);
  }
  const app = await buildApp(container);
  // Hear the other nodes before serving, so this node's page cache never misses their changes.
  await container.startBackground();
  let closing = false;
  const shutdown = async (signal: string) => {
    // A cluster worker may get both the terminal's SIGINT and its primary's SIGTERM.
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  console.log(`gazette: serving ${config.siteTitle} on ${config.siteUrl} (database: ${config.database.dialect}, events between nodes: ${container.relay.kind})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
