import { stat } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import { deferPlainIndexesWhileEmpty, type DeferredIndexes } from '../../storage/bulk-load-indexes.js';
import { withBulkLoadJournal } from '../../storage/bulk-load-journal.js';
import type { Database } from '../../storage/schema.js';
import { ImportFailed, ImportTally, type ImportProgress, type ImportSummary } from './import-report.js';
import type { ImporterDeps } from './importer-deps.js';
import { readXmlRecords, type XmlNode } from './xml-records.js';

/** One kind of export file: how its root is checked, where its records sit, and what takes them. */
export interface ExportFormat {
  source: string;
  checkRoot(name: string, attrs: Record<string, string>): void;
  isRecord(name: string, depth: number, parentName: string): boolean;
  session(
    deps: ImporterDeps,
    trx: Transaction<Database>,
    tally: ImportTally,
  ): { record(node: XmlNode): Promise<void>; finish(): Promise<void>; close?(): Promise<void> };
}

/** Options of an import run. */
export interface ImportOptions {
  /** Told how far the import has come, at most every `progressEveryMs`. */
  onProgress?: (progress: ImportProgress) => void;
  progressEveryMs?: number;
}

/**
 * Imports an export file in ONE transaction: either everything in it is written, or (a malformed
 * file, a database error, an interrupted run) nothing is, and the site is as it was. A second run
 * of the same file finds what the first wrote through the old-link map and updates only what
 * changed. Announces `site.imported` once committed, so every node's cached pages go.
 */
export async function runImport(
  deps: ImporterDeps,
  format: ExportFormat,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const totalBytes = await fileSize(file);
  const tally = new ImportTally(format.source, file);
  const started = Date.now();
  const every = options.progressEveryMs ?? 250;
  let lastTold = 0;
  const tell = (bytesRead: number, force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastTold < every)) return;
    lastTold = now;
    options.onProgress({
      bytesRead,
      totalBytes,
      articles: tally.written('articles') + tally.written('pages'),
      replies: tally.written('replies'),
      elapsedMs: now - started,
    });
  };
  // A rollback journal instead of the write-ahead log while this process has the file to itself (SQLite).
  await withBulkLoadJournal(deps, () => importInOneTransaction(deps, format, file, tally, tell));
  tell(totalBytes, true);
  deps.events.publish({ type: 'site.imported' });
  return tally.summary();
}

/** Reads the file and writes everything it holds in one transaction. */
async function importInOneTransaction(
  deps: ImporterDeps,
  format: ExportFormat,
  file: string,
  tally: ImportTally,
  tell: (bytesRead: number) => void,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    // Memory stays flat as the file grows: a small page cache while loading (SQLite's serving one may be larger, SQLITE_CACHE_MB).
    const widenCache = await deps.caps.narrowCacheForBulkLoad(trx);
    try {
      const indexes = await setIndexesAsideForImport(deps, trx);
      // And into empty searched tables, the search index is built once at the end too.
      const buildSearchIndexes = await deps.caps.fullText.deferIndexingForBulkLoad(trx);
      const session = format.session(deps, trx, tally);
      try {
        await readXmlRecords(file, {
          root: (name, attrs) => format.checkRoot(name, attrs),
          isRecord: (name, depth, parent) => format.isRecord(name, depth, parent),
          record: (node) => session.record(node),
          progress: (bytes) => tell(bytes),
        });
        await session.finish();
      } finally {
        // Threads a session started end with it, also when the import fails.
        await session.close?.();
      }
      // The sorts that build them grow with the tables: on disk, not in this process's memory.
      const sortsBack = await deps.caps.sortsOnDisk(trx);
      for (const deferred of indexes) await deferred.restore();
      await buildSearchIndexes();
      await sortsBack();
    } finally {
      // Also when the import fails: a server that runs imports keeps serving with its full cache.
      await widenCache().catch(() => {});
    }
  });
}

/**
 * A site moving in writes most of its rows into three tables: while each is empty, its plain
 * indexes are set aside here and built once at the end (`restore` each, before the commit).
 */
export async function setIndexesAsideForImport(
  deps: Pick<ImporterDeps, 'replies' | 'articles' | 'caps'>,
  trx: Transaction<Database>,
): Promise<DeferredIndexes[]> {
  return [
    await deps.replies.deferIndexesForImport({ within: trx }),
    await deps.articles.deferIndexesForImport({ within: trx }),
    await deferPlainIndexesWhileEmpty(trx, deps.caps, 'legacy_keys'),
  ];
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ImportFailed(`${file} is not a file.`);
    return info.size;
  } catch (error) {
    if (error instanceof ImportFailed) throw error;
    throw new ImportFailed(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}`,
    );
  }
}
