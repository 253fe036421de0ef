import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { fail, withContainer } from './cli-context.js';

/** `gazette backup FILE`: a consistent copy of the live database, taken while the site serves. */
export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Write a consistent copy of the database to FILE while the site keeps running: a SQLite file (VACUUM INTO), or a pg_dump custom-format archive for PostgreSQL (restore with pg_restore). Uploaded images are not included: copy UPLOADS_DIR too.',
    )
    .argument('<file>', 'where to write the backup (must not exist yet; its folder is made if missing)')
    .action(async (file: string) => {
      const target = resolve(file);
      // Never overwrite: yesterday's good backup is worth more than today's typo.
      if (existsSync(target)) fail(`${target} already exists; choose a new file name.`);
      await withContainer(async (container) => {
        // The backup names a new file on purpose, so its folder is made too (the README's
        // `gazette backup backups/…` works on a fresh site), and the command says so.
        const folder = dirname(target);
        if (!existsSync(folder)) {
          mkdirSync(folder, { recursive: true });
          console.log(`gazette: made the folder ${folder}`);
        }
        await container.storage.backup(target);
        console.log(`gazette: backed up the ${container.storage.caps.dialect} database to ${target}`);
      });
    });
}
