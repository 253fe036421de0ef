import type { Executor } from '../../storage/db.js';
import type { LegacyKind } from './legacy-keys.js';
import { findLegacyKeys, saveLegacyKeys } from './legacy-keys.queries.js';
import type { LegacyKeyRow } from './legacy-keys.table.js';

/** Old ids looked up in one query: well under both dialects' limits on bound values. */
const LOOKUPS_PER_QUERY = 200;

/**
 * The old-link map as an import uses it: looked up a batch at a time (a post's comments in one
 * query) and written a batch at a time, instead of two statements per comment. A lookup sees what
 * this run saved but has not flushed yet. Flushed by the import at the end of each record and
 * before it commits; the transaction makes the batching invisible to everyone else.
 */
export class LegacyKeyBook {
  private readonly known = new Map<string, LegacyKeyRow>();
  private pending: LegacyKeyRow[] = [];

  constructor(private readonly db: Executor) {}

  /** Loads the keys of these old ids (one query per batch) so `find` answers from memory. */
  async prefetch(kind: LegacyKind, legacyIds: readonly string[]): Promise<void> {
    const wanted = legacyIds.filter((id) => !this.known.has(`${kind}\u0000${id}`));
    for (let at = 0; at < wanted.length; at += LOOKUPS_PER_QUERY) {
      for (const row of await findLegacyKeys(this.db, kind, wanted.slice(at, at + LOOKUPS_PER_QUERY))) this.remember(row);
    }
    // Ids without a key are remembered as such, so `find` does not ask again.
    for (const id of wanted) if (!this.known.has(`${kind}\u0000${id}`)) this.known.set(`${kind}\u0000${id}`, absent);
  }

  /** The key of an old id: from this run's saves, a prefetch, or the database. */
  async find(kind: LegacyKind, legacyId: string): Promise<LegacyKeyRow | undefined> {
    const key = `${kind}\u0000${legacyId}`;
    if (!this.known.has(key)) await this.prefetch(kind, [legacyId]);
    const row = this.known.get(key);
    return row === absent ? undefined : row;
  }

  /** Records an old id → Gazette row, written at the next flush. */
  save(kind: LegacyKind, legacyId: string, targetId: number, digest = ''): void {
    const row = { kind, legacy_id: legacyId, target_id: targetId, digest };
    this.remember(row);
    this.pending.push(row);
  }

  /** Writes the saves so far, and forgets what was looked up (memory stays flat over a long file). */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    await saveLegacyKeys(this.db, rows);
    this.known.clear();
  }

  private remember(row: LegacyKeyRow): void {
    this.known.set(`${row.kind}\u0000${row.legacy_id}`, row);
  }
}

/** Stands for "looked up, and there is none". */
const absent: LegacyKeyRow = { kind: 'wp-post', legacy_id: '', target_id: 0, digest: '' };
