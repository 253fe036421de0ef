/**
 * Where the data lives: a SQLite file or a PostgreSQL server. Declared by storage, which opens it;
 * config.ts parses the environment into one (storage imports nothing but lib).
 */
export type DatabaseTarget =
  /**
   * `createFolder`: make the file's folder when it is missing. Only the default data directory
   * (`./data`) is made; a mistyped path elsewhere is refused rather than silently created.
   */
  | {
      dialect: 'sqlite';
      file: string;
      createFolder?: boolean;
      /** SQLite's page cache while serving, in MB (`SQLITE_CACHE_MB`); the dialect's default when absent. */
      cacheMb?: number;
    }
  /** `schema`: the PostgreSQL schema to use instead of `public` (from `?schema=` in the URL). */
  | { dialect: 'postgres'; url: string; schema?: string };
