import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { migrateToLatest } from '../../src/storage/db.js';

/** A site in a SQLite file of its own, for a real server process to open. */
export interface SiteFile {
  dir: string;
  file: string;
  remove(): void;
}

/**
 * A migrated site with the demo article in a fresh temporary folder. `prepare` runs on a container
 * over the file before it is closed (settings, seeded replies), so the server starts on that state.
 * Every test poster is 127.0.0.1, so flood control (per address) is off unless `prepare` turns it on.
 */
export async function createSiteFile(prefix: string, prepare?: (container: Container) => Promise<void>): Promise<SiteFile> {
  const dir = mkdtempSync(join(tmpdir(), `gazette-${prefix}-`));
  const file = join(dir, 'gazette.db');
  const container = createContainer(loadConfig({ DATABASE_URL: file }));
  try {
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container);
    await container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    await prepare?.(container);
  } finally {
    await container.close();
  }
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
