import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Transaction } from 'kysely';
import { Conflict, DomainError, Invalid, InvalidFields } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import { withBulkLoadJournal } from '../../storage/bulk-load-journal.js';
import { demoArticle } from '../articles/index.js';
import { emptyCounts, GAZETTE_FORMAT_VERSION, HeaderLine, recordSchemas, type ExportCounts, type RecordLine } from './gazette-format.js';
import { createRecordWriter, type GazetteImportDeps } from './gazette-records.js';
import { siteContents } from './site-export.queries.js';

export type { GazetteImportDeps } from './gazette-records.js';

/** What an import read, and the old-link entries it left out because their row was not in the file. */
export interface GazetteImportResult {
  counts: ExportCounts;
  legacyKeysSkipped: number;
}

/** Told every so many records, for a progress line. */
export type GazetteImportProgress = (counts: Readonly<ExportCounts>) => void;

/** A problem with one line of the file: its message starts with `line N:`. */
export class ImportLineError extends Invalid {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The order kinds of records come in (gazette-format.ts): references always point back. */
const rank: Record<RecordLine['type'], number> = {
  setting: 0,
  byline: 1,
  section: 2,
  tag: 3,
  member: 4,
  article: 5,
  reply: 6,
  'legacy-key': 7,
  'gazette-export-end': 8,
};

/** A NUL written as a JSON escape (not an escaped backslash before "u0000"): no database column takes it. */
const escapedNul = /(?<!\\)(?:\\\\)*\\u0000/;

function parseLine(text: string): unknown {
  if (escapedNul.test(text)) throw new Error('it contains a NUL character, which cannot be stored');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`not a JSON object (${(error as Error).message})`);
  }
}

/** The first problem TypeBox finds, as `path: message`. */
function firstProblem(schema: TSchema, value: unknown): string {
  const problem = Value.Errors(schema, value).First();
  return problem ? `${problem.path || '/'}: ${problem.message}` : 'not a valid record';
}

/** A writer's refusal in one line: its field and message. */
function reasonOf(error: unknown): string {
  if (error instanceof InvalidFields) return error.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  if (error instanceof DomainError) return error.field ? `${error.field}: ${error.message}` : error.message;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/**
 * Refuses a site that already has content: an import fills an empty site, it does not merge. The
 * demo article a new site publishes counts as empty while nobody has touched it; a file bringing
 * an article at its address replaces it.
 */
async function demoArticleToReplace(trx: Transaction<Database>): Promise<{ id: number; slug: string } | undefined> {
  const site = await siteContents(trx);
  const first = site.firstArticle;
  const untouchedDemo =
    site.articles === 1 &&
    first !== undefined &&
    first.slug === demoArticle.slug &&
    first.headline === demoArticle.headline &&
    first.body_markdown === demoArticle.bodyMarkdown &&
    first.status === demoArticle.status &&
    site.firstArticleRevisions <= 1;
  if ((site.articles > 0 && !untouchedDemo) || site.replies > 0 || site.legacyKeys > 0) {
    throw new Conflict(
      `this site already has content (${site.articles} articles, ${site.replies} replies, ${site.legacyKeys} old links); a Gazette export is read into an empty site only.`,
    );
  }
  return untouchedDemo ? { id: first.id, slug: first.slug } : undefined;
}

/**
 * Reads a Gazette export (gazette-format.ts) into this site, line by line, all in one
 * transaction: any bad line stops the import with `line N: reason` and nothing is kept. Every
 * record goes through its writer's import mode; one `site.imported` event follows the commit.
 */
export async function importGazette(
  deps: GazetteImportDeps,
  input: Readable,
  onProgress?: GazetteImportProgress,
): Promise<GazetteImportResult> {
  // As `gazette import wordpress` does (run-import.ts): a rollback journal while this process has the SQLite file to itself.
  const result = await withBulkLoadJournal(deps, () => readInOneTransaction(deps, input, onProgress));
  // After the commit: every node drops its cached pages (the relay carries it to the others).
  deps.events.publish({ type: 'site.imported' });
  return result;
}

/** Reads every line of the export and writes it, in one transaction. */
async function readInOneTransaction(
  deps: GazetteImportDeps,
  input: Readable,
  onProgress?: GazetteImportProgress,
): Promise<GazetteImportResult> {
  return deps.db.transaction().execute(async (trx) => {
    // Made here, once the transaction has its connection, and iterated at once: lines (and the
    // end) read before anyone iterates would be lost.
    const lines = createInterface({ input, crlfDelay: Infinity });
    const counts = emptyCounts();
    let lineNo = 0;
    let lastRank = -1;
    let ended: ExportCounts | undefined;
    let records: ReturnType<typeof createRecordWriter> | undefined;
    try {
      for await (const text of lines) {
        lineNo += 1;
        if (text.trim() === '') continue;
        const value = parseLine(text);
        if (!records) {
          if (!Value.Check(HeaderLine, value)) {
            const version = (value as { version?: unknown } | null)?.version;
            if ((value as { type?: unknown } | null)?.type === 'gazette-export' && version !== GAZETTE_FORMAT_VERSION)
              throw new Error(`this file is format version ${String(version)}; this Gazette reads version ${GAZETTE_FORMAT_VERSION}`);
            throw new Error(`not a Gazette export header (${firstProblem(HeaderLine, value)})`);
          }
          if (value.version !== GAZETTE_FORMAT_VERSION)
            throw new Error(`this file is format version ${value.version}; this Gazette reads version ${GAZETTE_FORMAT_VERSION}`);
          records = createRecordWriter(deps, trx, counts, await demoArticleToReplace(trx));
          continue;
        }
        if (ended) throw new Error('there is more after the end line');
        const type = (value as { type?: unknown } | null)?.type;
        if (typeof type !== 'string' || !Object.hasOwn(recordSchemas, type))
          throw new Error(`unknown record type ${JSON.stringify(type)?.slice(0, 40) ?? 'none'}`);
        const kind = type as RecordLine['type'];
        const schema: TSchema = recordSchemas[kind];
        if (!Value.Check(schema, value)) throw new Error(`${kind}${firstProblem(schema, value)}`);
        if (rank[kind] < lastRank) throw new Error(`a ${kind} record after later kinds of records: the file is out of order`);
        lastRank = rank[kind];
        const record = value as RecordLine;
        if (record.type === 'gazette-export-end') ended = record.counts;
        else await records.write(record);
        if (lineNo % 500 === 0) onProgress?.(counts);
      }
      lineNo += 1;
      if (!records) throw new Error('the file is empty: no Gazette export header');
      if (!ended) throw new Error('the file ends before its end line: it was cut short');
      for (const [kind, n] of Object.entries(ended) as [keyof ExportCounts, number][])
        if (counts[kind] !== n) throw new Error(`the end line counts ${n} ${kind}, the file holds ${counts[kind]}`);
      return { counts, legacyKeysSkipped: records.legacyKeysSkipped() };
    } catch (error) {
      if (error instanceof Conflict && !records) throw error;
      throw new ImportLineError(lineNo, reasonOf(error));
    }
  });
}

/** Reads the Gazette export at `path` (see {@link importGazette}). */
export async function importGazetteFile(
  deps: GazetteImportDeps,
  path: string,
  onProgress?: GazetteImportProgress,
): Promise<GazetteImportResult> {
  const input = createReadStream(path, { encoding: 'utf8' });
  try {
    return await importGazette(deps, input, onProgress);
  } finally {
    input.destroy();
  }
}
