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
  const app = await buildApp(container);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await container.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  console.log(`gazette: serving ${config.siteTitle} on ${config.siteUrl} (database: ${config.database.dialect})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
