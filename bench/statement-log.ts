import { createStorage, type Storage } from '../src/storage/db.js';

/** Time and count of one SQL statement over a run. */
export interface StatementCost {
  ms: number;
  count: number;
}

/**
 * A SQLite file opened exactly as Gazette serves it (WAL, synchronous = FULL, the statement cache),
 * with every query's time added up per statement text (cut to `keyLength` characters) while
 * `recording.on` is true. The statement benchmarks (reply-cost, import-statements) share it.
 */
export function storageWithStatementLog(
  file: string,
  keyLength: number,
): { storage: Storage; costs: Map<string, StatementCost>; recording: { on: boolean } } {
  const costs = new Map<string, StatementCost>();
  const recording = { on: true };
  const storage = createStorage(
    { dialect: 'sqlite', file },
    {
      queryLog: ({ sql, ms }) => {
        if (!recording.on) return;
        const key = sql.replace(/\s+/g, ' ').slice(0, keyLength);
        const cost = costs.get(key) ?? { ms: 0, count: 0 };
        cost.ms += ms;
        cost.count += 1;
        costs.set(key, cost);
      },
    },
  );
  return { storage, costs, recording };
}
