import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { main } from '../main.js';
import { runClusterPrimary } from './serve-cluster.js';

function parseWorkers(value: string): number {
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256)
    throw new InvalidArgumentError('--workers takes a whole number from 1 to 256, or "auto" (one per core).');
  return n;
}

/** `gazette serve`: migrate, publish the demo article on a new site, and serve (on N processes with `--workers`). */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Migrate the database, publish the demo article on a new site, and serve HTTP on HOST:PORT (default 127.0.0.1:3000).')
    .option(
      '--workers <n>',
      'serve from N processes sharing the port (Node cluster), restarted if one dies; "auto" for one per core',
      parseWorkers,
      1,
    )
    .action(async (options: { workers: number }) => {
      // A forked worker runs this same command line again: it serves, the primary having readied the site.
      if (cluster.isWorker) await main({ prepared: true });
      else if (options.workers > 1) await runClusterPrimary(options.workers);
      else await main();
    });
}
