import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { DomainError, InvalidFields } from '../lib/errors.js';
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

/** `gazette user add`: add a newsroom account; the password comes on standard input. */
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
          console.log(`Added ${created.name} <${created.email}> as ${created.role}. Sign in at ${container.config.siteUrl}/admin/sign-in`);
        } catch (error) {
          if (error instanceof InvalidFields) fail(error.problems.map((p) => `${p.field}: ${p.message}`).join('\n'), 1);
          if (error instanceof DomainError) fail(error.message, 1);
          throw error;
        }
      });
    });
  return user;
}
