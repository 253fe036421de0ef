import { CompiledQuery, type Compilable } from 'kysely';
import type { Executor } from './db.js';
import { nameStatementText } from './statement-names.js';

/*
 * Statements on a hot path, built with Kysely once per database and then only bound. Kysely builds
 * every query as a tree of frozen operation nodes and compiles it to SQL on each call: for a
 * reader's post (a handful of statements, each microseconds inside SQLite) that building cost
 * about as much as SQLite's own work (issue 12's profile). Here the statement is built once from
 * marker values, compiled, and each later call lays its values out in the order the compiled text
 * binds them: the same SQL text Kysely would write, the same values, none of the building.
 *
 * The build must not branch on its values (it sees markers, not values): a statement with two
 * shapes (`is null` against `= ?`) is two compiled statements.
 */

/** Where a bound value of a compiled text comes from: what each call supplies (`S`), or a constant of the statement. */
export type BoundSource<S> = S | { constant: unknown };

/** Where each bound value of a compiled statement comes from: a named value of the call, or a constant. */
type Source = BoundSource<{ param: string }>;

/**
 * The values a compiled text binds, in its order: each constant as compiled, every other value as
 * `valueOf` finds it in the call. Kysely would leave an undefined value out of an insert; a compiled
 * text cannot, so one is the caller's mistake, which `mistake` names.
 */
export function boundValues<S extends object>(
  sources: readonly BoundSource<S>[],
  valueOf: (source: S) => unknown,
  mistake: (source: S) => string,
): unknown[] {
  const values: unknown[] = new Array(sources.length);
  for (let k = 0; k < sources.length; k++) {
    const source = sources[k]!;
    if ('constant' in source) {
      values[k] = source.constant;
      continue;
    }
    const value = valueOf(source);
    if (value === undefined) throw new Error(mistake(source));
    values[k] = value;
  }
  return values;
}

interface Template {
  sql: string;
  sources: Source[];
}

const MARKER = '\u0000gazette-parameter:';

/** A statement compiled once per database, run with each call's values. */
export interface CompiledStatement<Params, Row> {
  /** Every row the statement answers. */
  rows(db: Executor, params: Params): Promise<Row[]>;
  /** The first row the statement answers, if any. */
  first(db: Executor, params: Params): Promise<Row | undefined>;
  /** The text and values Kysely's own compile would give (for tests and logs). */
  compile(db: Executor, params: Params): CompiledQuery<Row>;
}

/**
 * A statement built by `build` with marker values in place of `params` (so `build` may only pass
 * them through, never test them), compiled once for each database it runs on.
 */
export function compiledStatement<Params extends object, Row>(
  build: (db: Executor, params: Params) => Compilable<Row>,
): CompiledStatement<Params, Row> {
  const markers = new Proxy({} as Params, {
    get: (_target, name) => (typeof name === 'string' ? `${MARKER}${name}` : undefined),
  });
  const templates = new DatabaseMemo<Template>();

  function template(db: Executor): Template {
    return templates.get(db, () => {
      const query = build(db, markers).compile();
      const sources = query.parameters.map((value): Source => {
        if (typeof value !== 'string' || !value.includes(MARKER)) return { constant: value };
        // A marker inside a longer value was changed on its way (a `like` pattern built from it, say): binding cannot redo that.
        if (!value.startsWith(MARKER) || value.lastIndexOf(MARKER) !== 0)
          throw new Error(`compiledStatement: a value is built from a parameter (${JSON.stringify(value)}); pass it whole`);
        return { param: value.slice(MARKER.length) };
      });
      if (query.sql.includes(MARKER)) throw new Error('compiledStatement: a parameter was written into the SQL text instead of bound');
      nameStatementText(query.sql);
      return { sql: query.sql, sources };
    });
  }

  function compile(db: Executor, params: Params): CompiledQuery<Row> {
    const { sql, sources } = template(db);
    const values = boundValues(
      sources,
      (source) => (params as Record<string, unknown>)[source.param],
      (source) => `compiledStatement: ${source.param} is undefined`,
    );
    return CompiledQuery.raw(sql, values) as CompiledQuery<Row>;
  }

  return {
    async rows(db, params) {
      return (await db.executeQuery(compile(db, params))).rows;
    },
    async first(db, params) {
      return (await db.executeQuery(compile(db, params))).rows[0];
    },
    compile,
  };
}

/** What Kysely compiles for: its dialect's adapter (one per opened database) and the plugins rewriting each query. */
interface CompileTarget {
  adapter: object;
  plugins: readonly object[];
}

/**
 * Something made once per database. A transaction, a savepoint and the database they belong to
 * compile alike, so they share it; another database (the other dialect, or another site in
 * tests) gets its own.
 */
export class DatabaseMemo<T> {
  readonly #byAdapter = new WeakMap<object, { plugins: readonly object[]; value: T }[]>();

  get(db: Executor, make: () => T): T {
    const target = compileTarget(db);
    // Kysely keeps no public handle on its dialect: without one, make it every time (slower, still right).
    if (!target) return make();
    let made = this.#byAdapter.get(target.adapter);
    if (!made) this.#byAdapter.set(target.adapter, (made = []));
    const found = made.find((m) => samePlugins(m.plugins, target.plugins));
    if (found) return found.value;
    const value = make();
    made.push({ plugins: [...target.plugins], value });
    return value;
  }
}

function compileTarget(db: Executor): CompileTarget | undefined {
  // `getExecutor` is public in Kysely's code and typings, though documented as internal; every
  // transaction of a database shares its adapter (see test/storage/compiled-statements.test.ts).
  const executor = (db as unknown as { getExecutor?: () => Partial<CompileTarget> }).getExecutor?.();
  if (!executor?.adapter || !Array.isArray(executor.plugins)) return undefined;
  return executor as CompileTarget;
}

function samePlugins(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((plugin, k) => plugin === b[k]);
}
