import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { noRelay } from '../../src/relay/index.js';
import { migrateToLatest } from '../../src/storage/db.js';
import { dropTestSchema } from '../support/databases.js';
import { gazetteCommand } from '../support/server-process.js';
import { testEnv } from '../support/test-env.js';
import { buildVariedSite } from '../support/varied-site.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database the CLI reaches through DATABASE_URL: a SQLite file, or a PostgreSQL schema of its own. */
interface CliDatabase {
  name: string;
  /** A new, empty database's DATABASE_URL, and how to drop it. */
  make(label: string): Promise<{ url: string; drop(): Promise<void> }>;
}

const sqliteFiles: CliDatabase = {
  name: 'sqlite',
  async make(label) {
    return { url: join(dir, `${label}.db`), drop: async () => {} };
  },
};

function postgresSchemas(url: string): CliDatabase {
  return {
    name: 'postgres',
    async make() {
      const schema = `gz_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      return { url: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`, drop: () => dropTestSchema(url, schema) };
    },
  };
}

const databases = [sqliteFiles, ...(testEnv.postgresUrl ? [postgresSchemas(testEnv.postgresUrl)] : [])];
const secret = 'gazette-cli-export-secret-0123456789abcdef';

describe.each(databases)('gazette export and gazette import gazette on $name', (database) => {
  const env = (url: string) => ({ DATABASE_URL: url, SITE_SECRET: secret, UPLOADS_DIR: join(dir, 'uploads'), LOG_LEVEL: 'silent' });
  let source: { url: string; drop(): Promise<void> };
  let target: { url: string; drop(): Promise<void> };
  let file: string;

  beforeAll(async () => {
    source = await database.make('source');
    target = await database.make('target');
    file = join(dir, `${database.name}-site.jsonl`);
    const container = createContainer(loadConfig(env(source.url)), { relay: noRelay });
    try {
      await migrateToLatest(container.storage);
      await buildVariedSite(container);
    } finally {
      await container.close();
    }
  });
  afterAll(async () => {
    await source.drop();
    await target.drop();
  });

  it('exports the site and reads it into an empty one, each printing its counts as one JSON object', async () => {
    const exported = await gazetteCommand(['export', file, '--json'], env(source.url));
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const summary = JSON.parse(exported.stdout) as { counts: Record<string, number> };
    expect(summary.counts).toMatchObject({ members: 3, articles: 5, replies: 7, legacyKeys: 4 });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^\{"type":"gazette-export","version":1,/);

    const imported = await gazetteCommand(['import', 'gazette', file, '--json'], env(target.url));
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ imported: file, counts: summary.counts, legacyKeysSkipped: 0 });
  });

  it('refuses to read an export into a site that has content, in one line without a stack trace', async () => {
    // The target holds the previous test's import.
    const again = await gazetteCommand(['import', 'gazette', file], env(target.url));
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^gazette: this site already has content \(5 articles, 7 replies, 4 old links\)[^\n]*\n$/);
  });

  it('stops at a garbled line with its number, writing nothing', async () => {
    const empty = await database.make('garbled-target');
    try {
      const text = readFileSync(file, 'utf8').split('\n');
      text[5] = '{"type":"tag","id":"five","slug":"five","name":"Five"}';
      const garbled = join(dir, `${database.name}-garbled.jsonl`);
      writeFileSync(garbled, text.join('\n'));
      const result = await gazetteCommand(['import', 'gazette', garbled], env(empty.url));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^gazette: line 6: tag\/id: [^\n]*\n$/);
      // Nothing was kept: a full import into the same database still succeeds.
      expect((await gazetteCommand(['import', 'gazette', file, '--json'], env(empty.url))).code).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const taken = join(dir, `${database.name}-taken.jsonl`);
    writeFileSync(taken, 'keep me');
    const result = await gazetteCommand(['export', taken], env(source.url));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already exists');
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
  });
});
