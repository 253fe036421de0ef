import type { ColumnDataType } from 'kysely';

/**
 * What differs between the SQL dialects Gazette runs on. Modules and migrations ask this object
 * instead of testing which dialect they are on.
 */
export interface Capabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** Column type of an auto-numbered primary key. */
  readonly autoIdType: ColumnDataType;
  /** Whether the primary key needs `.autoIncrement()` (SQLite) or numbers itself (`serial`). */
  readonly autoIdNeedsAutoIncrement: boolean;
}
