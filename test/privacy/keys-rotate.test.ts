import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { prepareSite } from '../../src/site-setup.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';
import { childEnv } from '../support/test-env.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'gazette-rotate-'));
const env = {
  DATABASE_URL: join(dir, 'gazette.db'),
  LOG_LEVEL: 'silent',
  UPLOADS_DIR: join(dir, 'uploads'),
  SITE_SECRET: 'the-secret-this-site-has-always-used-0123',
};

function gazette(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src', 'cli', 'index.ts'), ...args],
      { cwd: root, env: childEnv(env), timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('gazette keys rotate', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('re-encrypts every stored email with a new key file, and the site reads them with it', async () => {
    let site = createContainer(loadConfig(env));
    await prepareSite(site);
    const article = await makeArticle(site);
    const reply = await site.replies.post(replyFields({ articleId: article.id, email: 'rotate.me@example.org' }), sender());
    const before = (await site.storage.db.selectFrom('replies').select('author_email').where('id', '=', reply.id).executeTakeFirstOrThrow())
      .author_email;
    await site.close();
    const oldKey = readFileSync(join(dir, 'secret.key'), 'utf8');

    const result = await gazette(['keys', 'rotate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/re-encrypted \d+ emails with a new key/);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8')).not.toBe(oldKey);
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);

    site = createContainer(loadConfig(env));
    await prepareSite(site);
    const after = (await site.storage.db.selectFrom('replies').select('author_email').where('id', '=', reply.id).executeTakeFirstOrThrow())
      .author_email;
    expect(after).not.toBe(before);
    expect(await site.replies.authorEmail(reply.id)).toBe('rotate.me@example.org');
    await site.close();
  });
});
