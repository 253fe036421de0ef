// `npm run bench:reply-cost`: what one reply costs inside the process, query by query.
// Posts N replies one after another through the replies service on a fresh SQLite file (WAL,
// synchronous=FULL, as served) and prints the mean time per post and per SQL statement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../src/modules/articles/index.js';
import { migrateToLatest, type Storage } from '../src/storage/db.js';
import { backupSqlite, sqliteCapabilities } from '../src/storage/dialects/sqlite.js';
import type { Database } from '../src/storage/schema.js';

const posts = Number(process.env.BENCH_POSTS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'gazette-reply-cost-'));
const file = join(dir, 'gazette.db');
const raw = new SqliteDatabase(file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.pragma('foreign_keys = ON');

const perStatement = new Map<string, { ms: number; count: number }>();
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database: raw }),
  log: (event) => {
    const key = event.query.sql.slice(0, 80);
    const entry = perStatement.get(key) ?? { ms: 0, count: 0 };
    entry.ms += event.queryDurationMillis;
    entry.count += 1;
    perStatement.set(key, entry);
  },
});
const storage: Storage = {
  db,
  caps: sqliteCapabilities,
  target: { dialect: 'sqlite', file },
  backup: (to) => backupSqlite(db, to),
  close: () => db.destroy(),
};
const container = createContainer(loadConfig({ DATABASE_URL: file, LOG_LEVEL: 'silent' }), { storage });
try {
  await migrateToLatest(storage);
  await publishDemoArticleIfEmpty(container);
  await container.discussion.update(
    { floodIntervalSeconds: 0, autoApproveKnownAuthors: false },
    { kind: 'system', id: null, name: 'benchmark setup' },
  );
  const article = await container.articles.getPublished(demoArticle.slug!);
  perStatement.clear();
  const started = performance.now();
  for (let i = 0; i < posts; i++) {
    await container.replies.post(
      { articleId: article.id, comment: `Reply number ${i}.`, author: `Reader ${i}`, email: `reader-${i}@bench.example` },
      // A person's form: the bench measures the writer, not the bot signals.
      { ip: '127.0.0.1', userAgent: 'bench', botSignals: { honeypot: false, token: 'ok', secondsToFill: 60 }, formNonce: null },
    );
  }
  console.log(`${posts} replies, one after another: ${((performance.now() - started) / posts).toFixed(2)} ms per reply\n`);
  console.log('| mean ms | per reply | statement |\n|---:|---:|---|');
  for (const [sql, { ms, count }] of [...perStatement].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| ${(ms / count).toFixed(3)} | ${(count / posts).toFixed(1)} | \`${sql}\` |`);
  }
} finally {
  await container.close();
  rmSync(dir, { recursive: true, force: true });
}
