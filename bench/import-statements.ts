// `npm run bench:import-statements -- FILE`: where a WordPress import's database time goes, statement by
// statement. Runs the import in this process on a fresh SQLite file (the settings Gazette uses), with
// Kysely's query log on, and prints each statement's count per imported post and per comment and its
// mean time. Use a small export (bench/import-wxr-generator.ts --posts 1000 --comments 10000).
import { mkdtempSync, rmSync } from 'node:fs';
import { importerDeps } from '../src/cli/import.command.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { runImport, wordpressFormat } from '../src/modules/importers/index.js';
import { checkSiteSecret, migrateSite } from '../src/site-setup.js';
import { backupSqlite, sqliteCapabilities } from '../src/storage/dialects/sqlite.js';
import type { Storage } from '../src/storage/db.js';
import type { Database } from '../src/storage/schema.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:import-statements -- FILE');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'gazette-import-statements-'));
const dbFile = join(dir, 'gazette.db');
const raw = new SqliteDatabase(dbFile);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.pragma('foreign_keys = ON');

const perStatement = new Map<string, { ms: number; count: number }>();
let logging = false;
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: raw }),
  log: (event) => {
    if (!logging) return;
    const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 110);
    const entry = perStatement.get(key) ?? { ms: 0, count: 0 };
    entry.ms += event.queryDurationMillis;
    entry.count += 1;
    perStatement.set(key, entry);
  },
});
const storage: Storage = {
  db,
  caps: sqliteCapabilities,
  target: { dialect: 'sqlite', file: dbFile },
  backup: (to) => backupSqlite(db, to),
  close: () => db.destroy(),
};
const config = loadConfig({ DATABASE_URL: dbFile, LOG_LEVEL: 'silent', SITE_SECRET: 'bench-import-site-secret-0123456789abcdefghij' });
const container = createContainer(config, { storage });
try {
  await migrateSite(container);
  await checkSiteSecret(container);
  logging = true;
  const started = performance.now();
  const summary = await runImport(importerDeps(container), wordpressFormat, file);
  const seconds = (performance.now() - started) / 1000;
  const posts = (summary.imported['articles'] ?? 0) + (summary.imported['pages'] ?? 0);
  const comments = summary.imported['replies'] ?? 0;
  const totalMs = [...perStatement.values()].reduce((n, s) => n + s.ms, 0);
  console.log(`${posts} posts, ${comments} comments in ${seconds.toFixed(1)} s; ${(totalMs / 1000).toFixed(1)} s inside statements\n`);
  console.log('| total ms | mean ms | count | per post | per comment | statement |\n|---:|---:|---:|---:|---:|---|');
  for (const [sql, { ms, count }] of [...perStatement].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `| ${ms.toFixed(0)} | ${(ms / count).toFixed(3)} | ${count} | ${(count / posts).toFixed(2)} | ${(count / comments).toFixed(2)} | \`${sql}\` |`,
    );
  }
} finally {
  await container.close();
  rmSync(dir, { recursive: true, force: true });
}
