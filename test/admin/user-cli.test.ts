import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/db.js';
import { gazetteCommand } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-'));
const databaseFile = join(dir, 'gazette.db');

/** Runs `gazette …` from source with `input` on standard input; its environment is exactly the one named here. */
function gazette(args: string[], input: string) {
  return gazetteCommand(
    args,
    { DATABASE_URL: databaseFile, LOG_LEVEL: 'silent', UPLOADS_DIR: join(dir, 'uploads') },
    { input, environment: 'exact' },
  );
}

// Both describes below share the site (the second manages the administrator the first adds).
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gazette user add', () => {
  it('adds an account with the password read from standard input', async () => {
    const result = await gazette(
      ['user', 'add', '--email', 'Chief@Newsroom.example', '--name', 'Chief Editor', '--role', 'administrator'],
      'a long and lovely passphrase\n',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added Chief Editor <chief@newsroom.example> as administrator.');
    const storage = createStorage({ dialect: 'sqlite', file: databaseFile });
    const row = await storage.db.selectFrom('users').select(['email', 'role', 'password_hash']).executeTakeFirstOrThrow();
    await storage.close();
    expect(row).toMatchObject({ email: 'chief@newsroom.example', role: 'administrator' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('prints the sign-in address the site is served at, not the port of its own shell (issue 11, item 10)', async () => {
    const before = await gazette(
      ['user', 'add', '--email', 'desk@newsroom.example', '--name', 'Desk Editor', '--role', 'editor'],
      'a long and lovely passphrase\n',
    );
    expect(before.stdout).toContain('Sign in at http://127.0.0.1:3000/admin/sign-in');
    // A node serving with PORT=8089 notes where it answers (main.ts does after it listens).
    const storage = createStorage({ dialect: 'sqlite', file: databaseFile });
    await storage.db
      .insertInto('settings')
      .values({ key: 'served-address', value: JSON.stringify('http://127.0.0.1:8089') })
      .execute();
    await storage.close();
    const after = await gazette(
      ['user', 'add', '--email', 'night@newsroom.example', '--name', 'Night Editor', '--role', 'editor'],
      'a long and lovely passphrase\n',
    );
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Sign in at http://127.0.0.1:8089/admin/sign-in');
  });

  it('refuses a weak password with the reason', async () => {
    const result = await gazette(['user', 'add', '--email', 'weak@newsroom.example', '--name', 'Weak', '--role', 'author'], 'secret\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('password: The password is too short');
  });

  it('refuses a long but guessable password with zxcvbn’s feedback (issue 11, item 8)', async () => {
    const result = await gazette(
      ['user', 'add', '--email', 'guess@newsroom.example', '--name', 'Guess', '--role', 'author'],
      'password1234\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('password: The password is too easy to guess. This is similar to a commonly used password.');
  });
});

// Issue 11, item 10: the terminal could add people but not list, disable or remove them.
describe('gazette user list|disable|enable|remove', () => {
  // Nine commands, each a process of its own.
  it('lists the newsroom, disables, enables and removes a member, and keeps the last administrator', { timeout: 300_000 }, async () => {
    const added = await gazette(
      ['user', 'add', '--email', 'ink@newsroom.example', '--name', 'Ink Writer', '--role', 'author'],
      'harbour lights over the quay\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const listed = await gazette(['user', 'list'], '');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^\d+\tadministrator\tactive\tchief@newsroom\.example\tChief Editor$/m);
    expect(listed.stdout).toMatch(/^\d+\tauthor\tactive\tink@newsroom\.example\tInk Writer$/m);

    expect((await gazette(['user', 'disable', 'ink@newsroom.example'], '')).stdout).toBe('Disabled Ink Writer <ink@newsroom.example>.\n');
    const json = (await gazette(['user', 'list', '--json'], '')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { email: string; active: boolean });
    expect(json.find((u) => u.email === 'ink@newsroom.example')!.active).toBe(false);
    expect((await gazette(['user', 'enable', 'ink@newsroom.example'], '')).stdout).toBe('Enabled Ink Writer <ink@newsroom.example>.\n');

    const last = await gazette(['user', 'disable', 'chief@newsroom.example'], '');
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/^gazette: .*administrator/);

    expect((await gazette(['user', 'remove', 'ink@newsroom.example'], '')).stdout).toBe('Removed Ink Writer <ink@newsroom.example>.\n');
    expect((await gazette(['user', 'list'], '')).stdout).not.toContain('ink@newsroom.example');
    const unknown = await gazette(['user', 'remove', 'nobody@newsroom.example'], '');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('gazette: no account nobody@newsroom.example; gazette user list shows them.\n');
  });
});
