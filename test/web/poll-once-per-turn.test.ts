import { describe, expect, it } from 'vitest';
import { oncePerTurn } from '../../src/web/plugins/page-cache-fast-path.js';

/*
 * The fast path looks for other processes' commits once per turn of the event loop: the hits one
 * turn answers share a look, and the next turn looks again.
 */
describe('looking for other processes’ changes once per turn', () => {
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('looks once for every hit answered in one turn, and again in the next turn', async () => {
    let looks = 0;
    const poll = oncePerTurn(
      () => (looks += 1),
      () => 1000,
    );
    poll();
    poll();
    poll();
    expect(looks).toBe(1);
    await nextTurn();
    poll();
    poll();
    expect(looks).toBe(2);
    await nextTurn();
    await nextTurn();
    poll();
    expect(looks).toBe(3);
  });

  it('looks again within one long turn once a millisecond has passed', () => {
    let looks = 0;
    let now = 1000;
    const poll = oncePerTurn(
      () => (looks += 1),
      () => now,
    );
    poll();
    now = 1000.5;
    poll();
    expect(looks).toBe(1);
    now = 1001;
    poll();
    expect(looks).toBe(2);
  });
});
