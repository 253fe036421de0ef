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

describe('gazette user add', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('refuses a weak password with the reason', async () => {
    const result = await gazette(['user', 'add', '--email', 'weak@newsroom.example', '--name', 'Weak', '--role', 'author'], 'secret\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('password: The password is too short');
  });
});
