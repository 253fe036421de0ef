import { Command } from 'commander';
import { backupCommand } from './backup.command.js';
import { importCommand } from './import.command.js';
import { reportFailure } from './cli-context.js';
import { exportCommand } from './export.command.js';
import { migrateCommand } from './migrate.command.js';
import { repliesCommand } from './replies.command.js';
import { serveCommand } from './serve.command.js';
import { spamCommand } from './spam.command.js';
import { userCommand } from './user.command.js';

/** The `gazette` command: one subcommand per file in this folder. */
const program = new Command('gazette')
  .description(
    'Gazette: self-hosted news publishing with reader replies.\nConfiguration comes from the environment: DATABASE_URL, HOST, PORT, SITE_URL, SITE_TITLE, TRUST_PROXY (false, true = one proxy, a hop count or proxy addresses), LOG_LEVEL, SITE_SECRET or SITE_SECRET_FILE, REDIS_URL, SCHEDULER_INTERVAL_MS (see docs/operations.md).',
  )
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(migrateCommand())
  .addCommand(backupCommand())
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(repliesCommand())
  .addCommand(spamCommand())
  .addCommand(userCommand());

// A refused start (a site secret that does not match), an unreachable database, an unknown reply:
// one line for the person at the terminal.
await program.parseAsync(process.argv).catch(reportFailure);
