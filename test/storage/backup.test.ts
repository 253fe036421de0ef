import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { testEnv } from '../support/test-env.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

describe.each(testDatabases)('backing up the $name database', (database) => {
  let ctx: TestContext;
  let dir: string;
  beforeEach(async () => {
    ctx = await createTestContext(database);
    dir = mkdtempSync(join(tmpdir(), 'gazette-backup-'));
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a copy that restores with everything in it', async () => {
    const article = await makeArticle(ctx.container, { headline: 'Kept safe in the backup' });
    const file = join(dir, database.name === 'sqlite' ? 'gazette.db' : 'gazette.dump');
    await ctx.storage.backup(file);

    if (database.name === 'sqlite') {
      const copy = createStorage({ dialect: 'sqlite', file });
      try {
        const row = await copy.db.selectFrom('articles').select('headline').where('id', '=', article.id).executeTakeFirst();
        expect(row?.headline).toBe('Kept safe in the backup');
      } finally {
        await copy.close();
      }
      return;
    }

    // PostgreSQL: restore the archive into a database of its own and read the article back.
    const name = `gz_restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(testEnv.postgresUrl!);
      url.pathname = `/${name}`;
      execFileSync('pg_restore', ['--no-owner', `--dbname=${url.toString()}`, file]);
      const restored = new pg.Client({ connectionString: url.toString() });
      await restored.connect();
      try {
        const schema = ctx.storage.target.dialect === 'postgres' ? ctx.storage.target.schema : undefined;
        const { rows } = await restored.query(`select headline from ${schema}.articles where id = $1`, [article.id]);
        expect(rows[0]?.headline).toBe('Kept safe in the backup');
      } finally {
        await restored.end();
      }
    } finally {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });

  it('refuses to write over an existing file', async () => {
    const file = join(dir, 'twice');
    await ctx.storage.backup(file);
    await expect(ctx.storage.backup(file)).rejects.toThrow();
  });
});
