import type { Executor } from '../../storage/db.js';
import type { LegacyKind } from './legacy-keys.js';
import type { LegacyKeyRow } from './legacy-keys.table.js';

/** The Gazette row an old identifier stands for, with the digest it was imported with. */
export function findLegacyKey(db: Executor, kind: LegacyKind, legacyId: string): Promise<LegacyKeyRow | undefined> {
  return db.selectFrom('legacy_keys').selectAll().where('kind', '=', kind).where('legacy_id', '=', legacyId).executeTakeFirst();
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
