import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createContainer } from '../../src/container.js';
import { prepareSite } from '../../src/site-setup.js';

const DAY = 86_400_000;

describe.each(testDatabases)('IP retention ($name)', (database) => {
  let site: TestContext;
  afterAll(async () => site?.close());

  it('erases the address and browser of replies older than the retention, keeping recent ones for flood control', async () => {
    site = await createTestContext(database);
    const article = await makeArticle(site.container);
    const old = await site.container.replies.post(replyFields({ articleId: article.id, email: 'old@example.org' }), sender('198.51.100.7'));
    site.clock.advance(31 * DAY);
    const recent = await site.container.replies.post(
      replyFields({ articleId: article.id, email: 'new@example.org' }),
      sender('198.51.100.8'),
    );
    expect(await site.container.replies.eraseOldSenderDetails(30)).toBe(1);
    const rows = await site.storage.db.selectFrom('replies').select(['id', 'ip', 'user_agent']).orderBy('id').execute();
    expect(rows.find((r) => r.id === old.id)).toEqual({ id: old.id, ip: '', user_agent: '' });
    expect(rows.find((r) => r.id === recent.id)).toEqual({ id: recent.id, ip: '198.51.100.8', user_agent: 'vitest' });
    expect(await site.container.replies.eraseOldSenderDetails(30)).toBe(0);
  });
});

describe('the SQLite file on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-raw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds no commenter email and no expired IP address in plain text', async () => {
    const file = join(dir, 'gazette.db');
    const clock = new ManualClock(new Date('2026-01-05T10:00:00Z'));
    const site = createContainer(
      loadConfig({
        DATABASE_URL: file,
        LOG_LEVEL: 'silent',
        UPLOADS_DIR: join(dir, 'u'),
        SITE_SECRET: 'raw-file-test-site-secret-0123456789abc',
      }),
      { clock },
    );
    await prepareSite(site);
    const article = await makeArticle(site);
    await site.replies.post(replyFields({ articleId: article.id, email: 'zq-raw-4471@example.org' }), sender('203.0.113.77'));
    clock.advance(31 * DAY);
    expect(await site.replies.eraseOldSenderDetails(30)).toBe(1);
    await site.close();
    const bytes = Buffer.concat([
      readFileSync(file),
      ...['-wal'].flatMap((s) => {
        try {
          return [readFileSync(file + s)];
        } catch {
          return [];
        }
      }),
    ]);
    const text = bytes.toString('latin1').toLowerCase();
    expect(text).not.toContain('zq-raw-4471');
    expect(text).not.toContain('203.0.113.77');
  });
});

const postgres = testDatabases.find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('a PostgreSQL dump', () => {
  let site: TestContext | undefined;
  afterAll(async () => site?.close());

  it('holds no commenter email and no expired IP address in plain text, follow-up mail asked for included', async () => {
    site = await createTestContext(postgres!);
    const article = await makeArticle(site.container);
    // One sender asks for follow-up mail, so the queued confirmation is in the dump too.
    const fields = replyFields({ articleId: article.id, email: 'zq-dump-5813@example.org', notify: true });
    await site.container.replies.post(fields, sender('203.0.113.91'));
    site.clock.advance(31 * DAY);
    expect(await site.container.replies.eraseOldSenderDetails(30)).toBe(1);
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(site.storage.db);
    // A plain-text dump of the site's schema, as an operator's nightly pg_dump would hold it.
    const dump = execFileSync('pg_dump', ['--format=plain', '--data-only', `--schema=${rows[0]!.schema}`, testEnv.postgresUrl!], {
      encoding: 'latin1',
      maxBuffer: 256 * 1024 * 1024,
    }).toLowerCase();
    expect(dump).toContain(fields.comment!.toLowerCase()); // the dump really holds the reply
    expect(dump).not.toContain('zq-dump-5813');
    expect(dump).not.toContain('203.0.113.91');
  });
});
