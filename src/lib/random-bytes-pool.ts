import { randomFillSync } from 'node:crypto';

/**
 * Fresh random bytes `size` at a time, drawn from the random source `takesPerDraw` takes at a time:
 * one call for many nonces instead of one each (a cached page makes a form token per answer, an
 * import seals a million emails). Each take is used once and never handed out again; it is a view
 * of the pool, valid until the pool is drawn again, so copy or encode it before `takesPerDraw` more
 * takes (its callers use it at once).
 */
export function randomBytesPool(size: number, takesPerDraw = 256): () => Buffer {
  const pool = Buffer.alloc(size * takesPerDraw);
  let next = pool.length;
  return () => {
    if (next >= pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    next += size;
    return pool.subarray(next - size, next);
  };
}
