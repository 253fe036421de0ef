import { Command } from 'commander';
import { main } from '../main.js';

/** `gazette serve`: migrate, publish the demo article on a new site, and serve. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Migrate the database, publish the demo article on a new site, and serve HTTP on HOST:PORT (default 127.0.0.1:3000).')
    .action(async () => {
      await main();
    });
}
