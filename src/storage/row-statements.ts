import { CompiledQuery, type Compilable } from 'kysely';
import { boundValues, DatabaseMemo, type BoundSource } from './compiled-statements.js';
import type { Executor } from './db.js';

/**
 * Many rows written through a few statements compiled once. Kysely builds a multi-row INSERT
 * value by value (an operation node per value, frozen, then visited by the compiler), which at a
 * hundred rows of twenty columns cost an import's main thread as much as SQLite's own work for
 * them, plus the garbage; and every row count was a SQL text of its own for SQLite to prepare
 * and keep. Here the statement for a row count is compiled once per database from marker
 * values, and each later batch only lays its values out in the order the compiled text binds
 * them. Row counts come from a fixed set (powers of two, and the largest batch), so a handful of
 * statements serve every batch size.
 */
export interface RowStatements<Row, Result> {
  /** Writes `rows` (any number) in as few statements as the fixed sizes allow; each statement's result rows, in order. */
  run(db: Executor, rows: readonly Row[]): Promise<Result[]>;
}

/** How a batch of rows becomes a statement; called only with marker rows, to compile the template. */
export interface RowStatementShape<Row, Result> {
  /** Every column a row sets, each row setting all of them (no column left to its default). */
  columns: readonly (keyof Row & string)[];
  /** The most rows in one statement (both dialects cap the values bound in one statement). */
  maxRows: number;
  build(db: Executor, rows: Row[]): Compilable<Result>;
}

/** One compiled statement for a row count: its text, and where each bound value comes from. */
interface Template {
  sql: string;
  /** For each bound value: which row of the batch and which column, or a constant the statement binds itself. */
  sources: BoundSource<{ row: number; column: string }>[];
}

const MARKER = '\u0000gazette-row-statement:';

/** The statements of one shape, compiled once per database (the compiled text is the dialect's). */
export function rowStatements<Row, Result>(shape: RowStatementShape<Row, Result>): RowStatements<Row, Result> {
  const { columns, maxRows } = shape;
  const sizes = chunkSizes(maxRows);
  // By row count, for each database its transactions run on (compiled-statements.ts keeps them the same way).
  const compiled = new DatabaseMemo<Map<number, Template>>();

  function template(db: Executor, size: number): Template {
    const forDb = compiled.get(db, () => new Map());
    let found = forDb.get(size);
    if (found) return found;
    const markers = Array.from({ length: size }, (_, row) =>
      Object.fromEntries(columns.map((column, c) => [column, `${MARKER}${row * columns.length + c}`])),
    ) as Row[];
    const query = shape.build(db, markers).compile();
    const sources = query.parameters.map((value) => {
      if (typeof value !== 'string' || !value.startsWith(MARKER)) return { constant: value };
      const at = Number(value.slice(MARKER.length));
      return { row: Math.floor(at / columns.length), column: columns[at % columns.length]! };
    });
    if (sources.filter((s) => 'row' in s).length !== size * columns.length)
      throw new Error(`rowStatements: the statement binds ${sources.length} values, not one per column of each row`);
    found = { sql: query.sql, sources };
    forDb.set(size, found);
    return found;
  }

  return {
    async run(db, rows) {
      const results: Result[] = [];
      let at = 0;
      while (at < rows.length) {
        const size = sizes.find((s) => s <= rows.length - at)!;
        const { sql, sources } = template(db, size);
        const values = boundValues(
          sources,
          (source) => (rows[at + source.row] as Record<string, unknown>)[source.column],
          (source) => `rowStatements: column ${source.column} is undefined`,
        );
        const { rows: answered } = await db.executeQuery<Result>(CompiledQuery.raw(sql, values));
        for (const r of answered) results.push(r);
        at += size;
      }
      return results;
    },
  };
}

/** `maxRows`, then the powers of two below it, largest first: any count is a sum of a few of them. */
function chunkSizes(maxRows: number): number[] {
  const sizes = [maxRows];
  for (let size = 1; size < maxRows; size *= 2) sizes.push(size);
  return [...new Set(sizes)].sort((a, b) => b - a);
}
