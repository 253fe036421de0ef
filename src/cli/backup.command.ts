import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { fail, withContainer } from './cli-context.js';

/** `gazette backup FILE`: a consistent copy of the live database, taken while the site serves. */
export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Write a consistent copy of the database to FILE while the site keeps running: a SQLite file (VACUUM INTO), or a pg_dump custom-format archive for PostgreSQL (restore with pg_restore). Uploaded images are not included: copy UPLOADS_DIR too.',
    )
    .argument('<file>', 'where to write the backup (must not exist yet)')
    .action(async (file: string) => {
      const target = resolve(file);
      // Never overwrite: yesterday's good backup is worth more than today's typo.
      if (existsSync(target)) fail(`${target} already exists; choose a new file name.`);
      await withContainer(async (container) => {
        await container.storage.backup(target);
        console.log(`gazette: backed up the ${container.storage.caps.dialect} database to ${target}`);
      });
    });
}
