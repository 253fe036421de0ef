import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { publishDemoArticleIfEmpty } from '../src/modules/articles/index.js';
import { migrateToLatest } from '../src/storage/db.js';

/**
 * Readies a fresh site at `databaseUrl` for a benchmark: migrated, the demo article published,
 * flood control off (every benchmark request comes from 127.0.0.1) and no author approved by their
 * history. `env` adds settings the served process will share (its secrets).
 */
export async function prepareBenchSite(databaseUrl: string, env: Record<string, string> = {}): Promise<void> {
  const container = createContainer(loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env }));
  try {
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container);
    await container.discussion.update(
      { floodIntervalSeconds: 0, autoApproveKnownAuthors: false },
      { kind: 'system', id: null, name: 'benchmark setup' },
    );
  } finally {
    await container.close();
  }
}

/** Runs `work` with a schema of its own on the PostgreSQL server at `url`, dropped (with everything in it) afterwards. */
export async function withFreshPostgresSchema<T>(url: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `gz_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
    return await work(schema);
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.end();
  }
}
