import type { Generated } from 'kysely';

/** One lesson the spam filter learnt on this site (storage/schema.ts composes it into the Database). */
export interface SpamTrainingTable {
  id: Generated<number>;
  /** The reply it was learnt from; null for a lesson from a file (`gazette spam train`). */
  reply_id: number | null;
  label: 'spam' | 'ham';
  /** Positive: learnt; negative: taken back. */
  weight: number;
  /** The features learnt, as a JSON list: taking a lesson back uses exactly these. */
  features: string;
  /** Who taught it: `moderator` or `file`. */
  source: string;
  created_at: string;
}
