/**
 * What an import did, counted as it goes: what was written new, what a second run updated or found
 * unchanged, and what was left out and why (each reason once, with its count and a few examples),
 * so the person moving a site knows exactly what arrived.
 */

/** An import that cannot go on (a malformed file, a file of the wrong kind); nothing it wrote is kept. */
export class ImportFailed extends Error {
  override readonly name = 'ImportFailed';
}

/** Kinds of things an import counts. */
export type ImportedKind = 'members' | 'bylines' | 'articles' | 'pages' | 'replies' | 'sections' | 'tags';

/** A reason things were skipped, how many, and the first few of them. */
export interface SkipReason {
  reason: string;
  count: number;
  examples: string[];
}

/** The summary printed at the end (and as JSON with `--json`). */
export interface ImportSummary {
  source: string;
  file: string;
  /** Written for the first time. */
  imported: Partial<Record<ImportedKind, number>>;
  /** Already imported by an earlier run and changed since: rewritten in place. */
  updated: Partial<Record<ImportedKind, number>>;
  /** Already imported and unchanged: left alone. */
  unchanged: Partial<Record<ImportedKind, number>>;
  /** Kept, but not exactly as they were (a fallback applied): what and how often. */
  adjusted: SkipReason[];
  skipped: SkipReason[];
  seconds: number;
}

/** How far an import has come, for a progress line. */
export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  articles: number;
  replies: number;
  elapsedMs: number;
}

const EXAMPLES_KEPT = 3;

/** Counts an import as it runs and produces its summary. */
export class ImportTally {
  private readonly counts = {
    imported: new Map<ImportedKind, number>(),
    updated: new Map<ImportedKind, number>(),
    unchanged: new Map<ImportedKind, number>(),
  };
  private readonly skips = new Map<string, SkipReason>();
  private readonly adjustments = new Map<string, SkipReason>();
  private readonly started = Date.now();

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  /** One more item written new, updated, or found unchanged. */
  count(outcome: 'imported' | 'updated' | 'unchanged', kind: ImportedKind, n = 1): void {
    const map = this.counts[outcome];
    map.set(kind, (map.get(kind) ?? 0) + n);
  }

  /** How many of a kind were written new or updated so far. */
  written(kind: ImportedKind): number {
    return (this.counts.imported.get(kind) ?? 0) + (this.counts.updated.get(kind) ?? 0) + (this.counts.unchanged.get(kind) ?? 0);
  }

  /** Something left out, with why (`reason` is the same text for every item it applies to) and which. */
  skip(reason: string, example: string): void {
    note(this.skips, reason, example);
  }

  /** Something kept with a fallback applied (a made-up headline, a dropped invalid email…). */
  adjust(reason: string, example: string): void {
    note(this.adjustments, reason, example);
  }

  /** The summary, as of now. */
  summary(): ImportSummary {
    const plain = (map: Map<ImportedKind, number>) => Object.fromEntries(map) as Partial<Record<ImportedKind, number>>;
    return {
      source: this.source,
      file: this.file,
      imported: plain(this.counts.imported),
      updated: plain(this.counts.updated),
      unchanged: plain(this.counts.unchanged),
      adjusted: [...this.adjustments.values()],
      skipped: [...this.skips.values()],
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
    };
  }
}

function note(map: Map<string, SkipReason>, reason: string, example: string): void {
  const entry = map.get(reason) ?? { reason, count: 0, examples: [] };
  entry.count++;
  if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push(example.slice(0, 120));
  map.set(reason, entry);
}
