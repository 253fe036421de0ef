import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/**
 * Runs the `gazette` CLI from source (as `npx tsx src/cli/index.ts …` would) against a SQLite
 * file, the way an operator runs it beside a live server. Resolves with its output; rejects
 * (with stdout and stderr) when it exits non-zero.
 */
export async function gazette(args: string[], databaseFile: string): Promise<{ stdout: string; stderr: string }> {
  return run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'index.ts'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseFile, LOG_LEVEL: 'silent' },
    timeout: 30_000,
  });
}
