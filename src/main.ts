// First: it holds the young generation small while the app's modules load (start-up-heap.ts).
import { startUpHeapDone } from './start-up-heap.js';
import { ConfigError, exitOnConfigError, loadConfigOrExit } from './config.js';
import { describeStartUpError } from './start-up-errors.js';

/**
 * Loads config, readies the site (unless a cluster primary already did), serves, and shuts down
 * cleanly on a signal.
 */
export async function main(options: { prepared?: boolean } = {}): Promise<void> {
  const config = loadConfigOrExit();
  // Loaded here, not by static imports, so that they load after start-up-heap.ts has run.
  const [{ buildApp }, { createContainer }, { checkSiteSecret, prepareSite }] = await Promise.all([
    import('./app.js'),
    import('./container.js'),
    import('./site-setup.js'),
  ]);
  const container = createContainer(config);
  if (!options.prepared) await prepareSite(container);
  else await checkSiteSecret(container);
  const app = await buildApp(container);
  // Hear the other nodes before serving, so this node's page cache never misses their changes. The
  // password estimator (zxcvbn's word lists, some 60 MB) is not built here: it loads with the first
  // password set, which most processes never see (issue 12, "Footprint"; accounts/CONTEXT.md).
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
  startUpHeapDone();
  // `gazette user add` run in another shell (without this PORT) prints links to where the site is.
  await container.settings.noteServedAddress(config.siteUrl);
  // For the person at the terminal, on standard error: standard output is the JSON log alone.
  console.error(
    `gazette: serving ${config.siteTitle} on ${config.siteUrl} (database: ${config.database.dialect}, events between nodes: ${container.relay.kind})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm start`: a port in use or a missing database is one line with its fix, and exit 1.
  await main().catch((error: unknown) => {
    if (error instanceof ConfigError) exitOnConfigError(error);
    console.error(`gazette: ${describeStartUpError(error)}`);
    process.exit(1);
  });
}
