import { buildApp } from './app.js';
import { exitOnConfigError, loadConfigOrExit } from './config.js';
import { createContainer } from './container.js';
import { checkSiteSecret, prepareSite } from './site-setup.js';

/**
 * Loads config, readies the site (unless a cluster primary already did), serves, and shuts down
 * cleanly on a signal.
 */
export async function main(options: { prepared?: boolean } = {}): Promise<void> {
  const config = loadConfigOrExit();
  const container = createContainer(config);
  if (!options.prepared) await prepareSite(container);
  else await checkSiteSecret(container);
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
  console.log(
    `gazette: serving ${config.siteTitle} on ${config.siteUrl} (database: ${config.database.dialect}, events between nodes: ${container.relay.kind})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main().catch(exitOnConfigError);
}
