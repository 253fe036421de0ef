// `npm run bench:api`: the API's article list (GET /api/v1/articles?limit=20) on a SQLite site of
// ARTICLES articles (default 500), 10 connections for BENCH_SECONDS (default 5), all on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/storage/db.js';

const articles = Number(process.env.ARTICLES ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-api-'));
const config = loadConfig({
  DATABASE_URL: join(dir, 'bench.db'),
  SITE_SECRET: 'bench-site-secret-0123456789abcdef0123',
  LOG_LEVEL: 'silent',
  UPLOADS_DIR: join(dir, 'uploads'),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
});
const container = createContainer(config);
try {
  await migrateToLatest(container.storage);
  const start = new Date('2026-01-01T00:00:00Z').getTime();
  for (let i = 0; i < articles; i++) {
    await container.articleWriter.importArticle(
      {
        headline: `Bench article ${i}`,
        bodyMarkdown: 'A short body.',
        author: { name: `Writer ${i % 20}` },
        section: `Section ${i % 8}`,
        tags: [`Tag ${i % 30}`, `Tag ${(i + 7) % 30}`],
        status: 'published',
        publishedAt: new Date(start + i * 60_000),
      },
      { id: null, name: 'bench' },
    );
  }
  const app = await buildApp(container, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  const result = await autocannon({ url: `http://127.0.0.1:${port}/api/v1/articles?limit=20`, connections: 10, duration: seconds });
  console.log(
    `| API article list (limit 20, ${articles} articles, SQLite) | ${Math.round(result.requests.average)} req/s | p50 ${result.latency.p50} ms | p99 ${result.latency.p99} ms | non-2xx ${result.non2xx} |`,
  );
  await app.close();
} finally {
  await container.close();
  rmSync(dir, { recursive: true, force: true });
}
