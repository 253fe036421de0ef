import { describe, expect, it } from 'vitest';
import { compareInRounds, medianBy } from '../../bench/rounds.js';

describe("the benchmark's rounds (bench/rounds.ts)", () => {
  it('warms every server first, then turns the order round each round, and takes the median round', async () => {
    const calls: string[] = [];
    const figures: Record<string, number[]> = { a: [50, 10, 30, 20], b: [5, 20, 10, 30] };
    const contender = (name: string) => ({
      name,
      load: async (seconds: number) => {
        calls.push(`${name}:${seconds}`);
        return { rps: figures[name]!.shift()! };
      },
    });
    const warmups: string[] = [];
    const result = await compareInRounds([contender('a'), contender('b')], {
      rounds: 3,
      seconds: 5,
      warmupSeconds: 2,
      onWarmup: (name, r) => warmups.push(`${name}=${r.rps}`),
    });
    expect(calls).toEqual(['a:2', 'b:2', 'a:5', 'b:5', 'b:5', 'a:5', 'a:5', 'b:5']);
    expect(warmups).toEqual(['a=50', 'b=5']);
    expect(result.runs.get('a')!.map((r) => r.rps)).toEqual([10, 30, 20]);
    expect(result.runs.get('b')!.map((r) => r.rps)).toEqual([20, 10, 30]);
    expect(result.median.get('a')!.rps).toBe(20);
    expect(result.median.get('b')!.rps).toBe(20);
    // Round by round: 10/20, 30/10, 20/30; the median is the middle of those, not a ratio of medians.
    const { perRound, median } = result.ratio('a', 'b');
    expect(perRound).toEqual([0.5, 3, 20 / 30]);
    expect(median).toBe(20 / 30);
  });

  it('takes the lower middle of an even count, a figure that was measured', () => {
    expect(medianBy([4, 1, 3, 2], (x) => x)).toBe(2);
    expect(() => medianBy([], (x: number) => x)).toThrow();
  });
});
