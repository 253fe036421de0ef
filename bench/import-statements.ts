// `npm run bench:import-statements -- FILE`: where a WordPress import's database time goes, statement by
// statement. Runs the import in this process on a fresh SQLite file (the settings Gazette uses), with
// Kysely's query log on, and prints each statement's count per imported post and per comment and its
// mean time. Use a small export (bench/import-wxr-generator.ts --posts 1000 --comments 10000).
import { mkdtempSync, rmSync } from 'node:fs';
import { importerDeps } from '../src/cli/import.command.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { runImport, wordpressFormat } from '../src/modules/importers/index.js';
import { checkSiteSecret, migrateSite } from '../src/site-setup.js';
import { storageWithStatementLog } from './statement-log.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:import-statements -- FILE');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'gazette-import-statements-'));
const dbFile = join(dir, 'gazette.db');
const { storage, costs: perStatement, recording } = storageWithStatementLog(dbFile, 110);
recording.on = false;
const config = loadConfig({ DATABASE_URL: dbFile, LOG_LEVEL: 'silent', SITE_SECRET: 'bench-import-site-secret-0123456789abcdefghij' });
const container = createContainer(config, { storage });
try {
  await migrateSite(container);
  await checkSiteSecret(container);
  recording.on = true;
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
