import { Command } from 'commander';
import { withContainer } from './cli-context.js';

/** `gazette migrate`: bring the database schema up to date. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Bring the database schema up to date (safe to run on several nodes at once: one migrates, the others wait).')
    .action(async () => {
      // withContainer migrates before it runs the work; here that is the whole job.
      await withContainer(async (container) => {
        console.log(`gazette: the ${container.storage.caps.dialect} database is up to date.`);
      });
    });
}
