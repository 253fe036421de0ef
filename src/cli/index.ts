import { Command } from 'commander';

/**
 * The subcommands, each loaded only when it runs. Loading all of them pulled in the whole server
 * (Fastify, the database drivers, every module) before `gazette --help` could print a line: 3 s
 * (issue 11, item 7). The summary is what the top-level help lists; each file holds the full help.
 */
const subcommands: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Command> }> = [
  {
    name: 'serve',
    summary: 'migrate, publish the demo article on a new site, and serve',
    load: async () => (await import('./serve.command.js')).serveCommand(),
  },
  {
    name: 'migrate',
    summary: 'bring the database schema up to date',
    load: async () => (await import('./migrate.command.js')).migrateCommand(),
  },
  {
    name: 'backup',
    summary: 'write a consistent copy of the database to a file',
    load: async () => (await import('./backup.command.js')).backupCommand(),
  },
  {
    name: 'import',
    summary: 'move a site in: wordpress, disqus or gazette files',
    load: async () => (await import('./import.command.js')).importCommand(),
  },
  {
    name: 'export',
    summary: 'write the whole site as portable JSON Lines',
    load: async () => (await import('./export.command.js')).exportCommand(),
  },
  {
    name: 'replies',
    summary: 'list and moderate reader replies',
    load: async () => (await import('./replies.command.js')).repliesCommand(),
  },
  {
    name: 'keys',
    summary: 'rotate the key that encrypts commenter emails',
    load: async () => (await import('./keys.command.js')).keysCommand(),
  },
  {
    name: 'spam',
    summary: 'score replies, teach the spam filter, show what it knows',
    load: async () => (await import('./spam.command.js')).spamCommand(),
  },
  {
    name: 'user',
    summary: 'add, list, disable and remove newsroom accounts',
    load: async () => (await import('./user.command.js')).userCommand(),
  },
];

/** The `gazette` command: one subcommand per file in this folder. */
const program = new Command('gazette')
  .description(
    'Gazette: self-hosted news publishing with reader replies.\nConfiguration comes from the environment: DATABASE_URL, HOST, PORT, SITE_URL, SITE_TITLE, TRUST_PROXY (false, true = one proxy, a hop count or proxy addresses), LOG_LEVEL, SITE_SECRET or SITE_SECRET_FILE, SECRET_KEY or SECRET_KEY_FILE, IP_RETENTION_DAYS, REDIS_URL, SCHEDULER_INTERVAL_MS (see docs/operations.md).\nEvery subcommand has --help.',
  )
  .showHelpAfterError();

// `gazette user add …` or `gazette help user`: the named subcommand is loaded in full, the others
// stay one-line entries for the help and for commander's "did you mean" suggestions.
const args = process.argv.slice(2);
const wanted = args[0] === 'help' ? args[1] : args[0];
for (const sub of subcommands) {
  program.addCommand(sub.name === wanted ? (await sub.load()).summary(sub.summary) : new Command(sub.name).summary(sub.summary));
}

// A refused start (a site secret that does not match), an unreachable database, an unknown reply:
// one line for the person at the terminal, with the fix (src/start-up-errors.ts).
await program.parseAsync(process.argv).catch(async (error: unknown) => (await import('./cli-context.js')).reportFailure(error));
