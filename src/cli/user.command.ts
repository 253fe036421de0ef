import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { DomainError, InvalidFields } from '../lib/errors.js';
import { terminalSafeJson, visibleControls } from '../lib/reader-text.js';
import { roles, type Role } from '../modules/accounts/index.js';
import { fail, withContainer } from './cli-context.js';

/** Reads the password: the first line of standard input, or typed at a terminal without echo. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Keep the typed password off the screen: the prompt is written once, keystrokes are not echoed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  process.stdout.write('Password: ');
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

/** What an administrator can do to another member's access from the terminal (audited, as on the People page). */
const accessChanges = [
  {
    name: 'disable',
    done: 'Disabled',
    description: 'Disable an account: they cannot sign in, and their sessions and reset links end at once.',
  },
  { name: 'enable', done: 'Enabled', description: 'Enable a disabled account again.' },
  { name: 'remove', done: 'Removed', description: 'Remove an account; their articles keep their byline.' },
] as const;

/** `gazette user add|list|disable|enable|remove`: the newsroom's accounts; a new password comes on standard input. */
export function userCommand(): Command {
  const user = new Command('user').description('Manage newsroom accounts.');
  user
    .command('add')
    .description('Add an account. The password is read from standard input (first line), e.g. `printf %s "$PW" | gazette user add ...`.')
    .requiredOption('--email <email>', 'sign-in address')
    .requiredOption('--name <name>', 'name as it appears in bylines')
    .addOption(new Option('--role <role>', 'what they may do').choices(roles as string[]).default('administrator'))
    .action(async (options: { email: string; name: string; role: Role }) => {
      const password = await readPassword();
      await withContainer(async (container) => {
        try {
          const created = await container.accounts.create(
            { email: options.email, name: options.name, role: options.role, password },
            { id: null, name: 'gazette user add' },
          );
          // Where a node serves the site, not this shell's idea of the port.
          const site = (await container.settings.servedAddress()) ?? container.config.siteUrl;
          console.log(`Added ${created.name} <${created.email}> as ${created.role}. Sign in at ${site}/admin/sign-in`);
        } catch (error) {
          if (error instanceof InvalidFields) fail(error.problems.map((p) => `${p.field}: ${p.message}`).join('\n'), 1);
          if (error instanceof DomainError) fail(error.message, 1);
          throw error;
        }
      });
    });
  user
    .command('list')
    .description('List the newsroom: one line each (id, role, active or disabled, email, name).')
    .option('--json', 'one JSON object per line, for programs')
    .action(async (options: { json?: boolean }) => {
      await withContainer(async (container) => {
        for (const u of await container.accounts.list()) {
          const state = u.disabledAt ? 'disabled' : 'active';
          console.log(
            options.json
              ? terminalSafeJson({ id: u.id, email: u.email, name: u.name, role: u.role, active: !u.disabledAt })
              : [String(u.id), u.role, state, u.email, u.name].map(visibleControls).join('\t'),
          );
        }
      });
    });

  for (const change of accessChanges) {
    user
      .command(change.name)
      .description(change.description)
      .argument('<account>', 'their email address or id (see gazette user list)')
      .action(async (account: string) => {
        await withContainer(async (container) => {
          const needle = account.trim().toLowerCase();
          const found = (await container.accounts.list()).find((u) => String(u.id) === needle || u.email === needle);
          if (!found) fail(`no account ${account}; gazette user list shows them.`, 1);
          const by = { id: null, name: `gazette user ${change.name}` };
          try {
            if (change.name === 'remove') await container.accounts.remove(found.id, by);
            else await container.accounts.setDisabled(found.id, change.name === 'disable', by);
          } catch (error) {
            if (error instanceof DomainError) fail(error.message, 1);
            throw error;
          }
          console.log(`${change.done} ${found.name} <${found.email}>.`);
        });
      });
  }
  return user;
}
