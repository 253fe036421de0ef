import type { Executor } from '../../storage/db.js';
import { rowStatements } from '../../storage/row-statements.js';
import type { LegacyKind } from './legacy-keys.js';
import type { LegacyKeyRow } from './legacy-keys.table.js';

/** The Gazette row an old identifier stands for, with the digest it was imported with. */
export function findLegacyKey(db: Executor, kind: LegacyKind, legacyId: string): Promise<LegacyKeyRow | undefined> {
  return db.selectFrom('legacy_keys').selectAll().where('kind', '=', kind).where('legacy_id', '=', legacyId).executeTakeFirst();
}

/** The keys of several old identifiers of one kind (those that have one). */
export function findLegacyKeys(db: Executor, kind: LegacyKind, legacyIds: readonly string[]): Promise<LegacyKeyRow[]> {
  if (legacyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('legacy_keys').selectAll().where('kind', '=', kind).where('legacy_id', 'in', legacyIds).execute();
}

/** Upserts of old identifiers, at most 200 a statement (4 values each), compiled once (storage/row-statements.ts). */
const legacyKeySaves = rowStatements<LegacyKeyRow, unknown>({
  columns: ['kind', 'legacy_id', 'target_id', 'digest'],
  maxRows: 200,
  build: (db, rows) =>
    db
      .insertInto('legacy_keys')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['kind', 'legacy_id'])
          .doUpdateSet((eb) => ({ target_id: eb.ref('excluded.target_id'), digest: eb.ref('excluded.digest') })),
      ),
});

/** Records (or moves) several old identifiers at once; each (kind, id) at most once per call. */
export async function saveLegacyKeys(db: Executor, rows: readonly LegacyKeyRow[]): Promise<void> {
  if (rows.length === 0) return;
  // The last save of a key wins, as separate upserts would have it (one statement may not touch a row twice).
  const unique = [...new Map(rows.map((r) => [`${r.kind}\u0000${r.legacy_id}`, r])).values()];
  await legacyKeySaves.run(db, unique);
}

/** Records (or moves) an old identifier to a Gazette row. */
export async function saveLegacyKey(db: Executor, kind: LegacyKind, legacyId: string, targetId: number, digest = ''): Promise<void> {
  await db
    .insertInto('legacy_keys')
    .values({ kind, legacy_id: legacyId, target_id: targetId, digest })
    .onConflict((oc) => oc.columns(['kind', 'legacy_id']).doUpdateSet({ target_id: targetId, digest }))
    .execute();
}

/** Every old identifier, in a stable order, for an export. */
export function listLegacyKeys(db: Executor): Promise<LegacyKeyRow[]> {
  return db.selectFrom('legacy_keys').selectAll().orderBy('kind').orderBy('legacy_id').execute();
}
