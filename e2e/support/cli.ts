import { gazetteCommand } from '../../test/support/server-process.js';

/**
 * Runs the `gazette` CLI from source (as `npx tsx src/cli/index.ts …` would) against a SQLite
 * file, the way an operator runs it beside a live server. Resolves with its output; rejects
 * (with stdout and stderr) when it exits non-zero.
 */
export async function gazette(args: string[], databaseFile: string): Promise<{ stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await gazetteCommand(args, { DATABASE_URL: databaseFile, LOG_LEVEL: 'silent' });
  if (code !== 0) throw Object.assign(new Error(`gazette ${args.join(' ')} exited with ${code}:\n${stderr}`), { stdout, stderr, code });
  return { stdout, stderr };
}
