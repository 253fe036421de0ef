/**
 * Where the data lives: a SQLite file or a PostgreSQL server. Declared by storage, which opens it;
 * config.ts parses the environment into one (storage imports nothing but lib).
 */
export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  /** `schema`: the PostgreSQL schema to use instead of `public` (from `?schema=` in the URL). */
  | { dialect: 'postgres'; url: string; schema?: string };
