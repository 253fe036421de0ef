import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { prepareSite } from '../../src/site-setup.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'gazette-secret-start-'));
const env = { DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent', UPLOADS_DIR: join(dir, 'uploads'), PORT: '0' };

/** Runs `gazette …` from source, as an operator would. */
function gazette(args: string[], extra: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), ...args],
      { cwd: root, env: { ...env, ...extra }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('starting with the wrong site secret', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to serve, with one line saying what is wrong and what to do', async () => {
    // The site as it ran until now, with its own secret.
    const site = createContainer(loadConfig({ ...env, SITE_SECRET: 'the-secret-this-site-has-always-used-0123' }));
    await prepareSite(site);
    await site.close();

    const result = await gazette(['serve'], { SITE_SECRET: 'a-new-node-with-a-secret-of-its-own-4567' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^gazette: the site secret from SITE_SECRET is not the one this site's email fingerprints were made with/,
    );
    expect(result.stderr).toContain('Give every node the same secret');
    expect(result.stdout).not.toContain('serving');
  });
});
