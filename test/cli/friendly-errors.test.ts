import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/project-root.js';
import { freePort, gazetteCommand } from '../support/server-process.js';
import { childEnv, testEnv } from '../support/test-env.js';

/*
 * Issue 11, item 6: ordinary mistakes (a port in use, a database that is not there, a mistyped
 * path) printed raw stack traces. Each is now one line on standard error saying what went wrong
 * and the fix, with a non-zero exit.
 */

const dir = mkdtempSync(join(tmpdir(), 'gazette-friendly-errors-'));
const secret = 'gazette-test-site-secret-0123456789abcdef';
const site = { DATABASE_URL: join(dir, 'gazette.db'), SITE_SECRET: secret, UPLOADS_DIR: join(dir, 'uploads'), LOG_LEVEL: 'silent' };

/** One line, prefixed `gazette:`, with no stack frame in it. */
function expectOneFriendlyLine(stderr: string): void {
  expect(stderr).toMatch(/^gazette: /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

/**
 * A server's start writes its words for a person (the demo article, the setup link) on standard
 * error before it tries to listen; the error is the last line, and no stack frame follows.
 */
function lastLineOf(stderr: string): string {
  expect(stderr).not.toMatch(/^\s+at /m);
  return stderr.trim().split('\n').at(-1)!;
}

describe('friendly start-up errors', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the missing folder of a backup file and says so', async () => {
    const target = join(dir, 'backups', 'gazette-2026-11-27.db');
    const result = await gazetteCommand(['backup', target], site);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`made the folder ${join(dir, 'backups')}`);
    expect(existsSync(target)).toBe(true);
  });

  it('refuses a SQLite path whose folder does not exist, and makes no folder', async () => {
    const typo = join(dir, 'dta', 'nested', 'gazette.db');
    const result = await gazetteCommand(['migrate'], { ...site, DATABASE_URL: typo });
    expect(result.code).toBe(1);
    expectOneFriendlyLine(result.stderr);
    expect(result.stderr).toContain(`the folder ${join(dir, 'dta', 'nested')} for the SQLite database does not exist`);
    expect(result.stderr).toContain('fix DATABASE_URL');
    expect(existsSync(join(dir, 'dta'))).toBe(false);
  });

  // A whole server start (migrate, seed, then listen): slow on a loaded machine.
  it('names the port in use and how to choose another (gazette serve)', { timeout: 120_000 }, async () => {
    const result = await gazetteCommand(['serve'], { ...site, HOST: '127.0.0.1', PORT: String(busyPort) }, { timeoutMs: 110_000 });
    expect(result.code).toBe(1);
    const line = lastLineOf(result.stderr);
    expect(line).toMatch(new RegExp(`^gazette: port ${busyPort} \\(127\\.0\\.0\\.1:${busyPort}\\) is already in use`));
    expect(line).toContain('PORT=3001');
  });

  it('names the port in use when started as npm start does (the built entry point)', { timeout: 120_000 }, async () => {
    // main.ts run directly, as `node dist/src/main.js` is (through tsx here, from source).
    const root = projectRoot(import.meta.url);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: childEnv({ ...site, HOST: '127.0.0.1', PORT: String(busyPort) }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(lastLineOf(stderr)).toMatch(new RegExp(`^gazette: port ${busyPort} .* is already in use`));
  });

  it('says nothing answers at a PostgreSQL address that refuses connections', async () => {
    const port = await freePort();
    const result = await gazetteCommand(['migrate'], { ...site, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/gazette` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `nothing answers at 127.0.0.1:${port} (connection refused); start that server, or fix the host and port in DATABASE_URL`,
    );
    expectOneFriendlyLine(result.stderr);
  });

  it.skipIf(!testEnv.postgresUrl)('names a PostgreSQL database that does not exist and how to create it', async () => {
    const url = new URL(testEnv.postgresUrl!);
    url.pathname = '/gazette_no_such_database';
    const result = await gazetteCommand(['migrate'], { ...site, DATABASE_URL: url.toString() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'the PostgreSQL database "gazette_no_such_database" does not exist; create it (createdb gazette_no_such_database',
    );
    expectOneFriendlyLine(result.stderr);
  });
});
