import type { Generated, Selectable } from 'kysely';
import type { LegacyKind } from './legacy-keys.js';

/**
 * The importers module's table (storage/schema.ts composes it into the Database): another
 * system's identifiers mapped to the Gazette rows that took their place.
 */
export interface LegacyKeysTable {
  kind: LegacyKind;
  /** The identifier as the other system wrote it (a post id, a decoded lower-case slug, a path). */
  legacy_id: string;
  /** The Gazette row: an article, section, tag, author (byline) or reply id, by `kind`. */
  target_id: number;
  /** What the item looked like when it was last imported: unchanged on a second run means skipped. */
  digest: Generated<string>;
}

/** A legacy key as read. */
export type LegacyKeyRow = Selectable<LegacyKeysTable>;
