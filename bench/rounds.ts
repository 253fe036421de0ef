/**
 * Servers compared under the same load, in rounds: each first warmed (its code compiled by the
 * JIT, its caches filled) with load that is not counted, then measured once per round, the order
 * turned round every round, so a machine that speeds up or slows down during the run (this one is
 * shared) weighs on every server alike. Each round's ratio compares runs made seconds apart;
 * the median round is what the table shows.
 */

/** One measured run's figures (a row of the table). */
export interface Measured {
  rps: number;
}

/** A server to compare: how to load it once, for `seconds`. */
export interface Contender<R extends Measured> {
  name: string;
  load(seconds: number): Promise<R>;
}

/** Every round's runs, by contender, and each contender's median run (by req/s). */
export interface RoundsResult<R extends Measured> {
  runs: Map<string, R[]>;
  median: Map<string, R>;
  /** Contender `a`'s req/s over `b`'s, round by round, and the median of those. */
  ratio(a: string, b: string): { perRound: number[]; median: number };
}

export async function compareInRounds<R extends Measured>(
  contenders: Contender<R>[],
  options: { rounds: number; seconds: number; warmupSeconds: number; onWarmup?: (name: string, result: R) => void },
): Promise<RoundsResult<R>> {
  if (options.warmupSeconds > 0) {
    for (const c of contenders) options.onWarmup?.(c.name, await c.load(options.warmupSeconds));
  }
  const runs = new Map<string, R[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) runs.get(c.name)!.push(await c.load(options.seconds));
  }
  const median = new Map([...runs].map(([name, results]) => [name, medianBy(results, (r) => r.rps)]));
  return {
    runs,
    median,
    ratio(a, b) {
      const as = runs.get(a)!;
      const bs = runs.get(b)!;
      const perRound = as.map((r, i) => r.rps / bs[i]!.rps);
      return { perRound, median: medianBy(perRound, (x) => x) };
    },
  };
}

/** The middle item by `key` (the lower middle of an even count: the figure is one that was measured). */
export function medianBy<T>(items: readonly T[], key: (item: T) => number): T {
  if (items.length === 0) throw new Error('no runs to take the median of');
  const sorted = [...items].sort((x, y) => key(x) - key(y));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
