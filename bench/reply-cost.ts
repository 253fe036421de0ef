// `npm run bench:reply-cost`: what one reply costs inside the process, query by query.
// Posts N replies one after another through the replies service on a fresh SQLite file (WAL,
// synchronous=FULL, as served) and prints the mean time per post and per SQL statement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../src/modules/articles/index.js';
import { migrateToLatest } from '../src/storage/db.js';
import { storageWithStatementLog } from './statement-log.js';

const posts = Number(process.env.BENCH_POSTS ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'gazette-reply-cost-'));
const file = join(dir, 'gazette.db');
const { storage, costs: perStatement } = storageWithStatementLog(file, 80);
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
