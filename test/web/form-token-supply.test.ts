import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { formTokenKeys, mintFormTokens, readFormToken } from '../../src/lib/form-token.js';
import { createFormTokenSupply } from '../../src/web/form-token-supply.js';

const keys = formTokenKeys('a site secret for tests');
const start = new Date('2026-03-01T09:00:00Z');

/** A supply over the real minting, counting its batches. */
function supplyWith(clock: ManualClock) {
  const batches: { issuedAt: Date; count: number }[] = [];
  const supply = createFormTokenSupply(
    (issuedAt, count) => {
      batches.push({ issuedAt, count });
      return mintFormTokens(keys.block, issuedAt, count);
    },
    (token) => `<input value="${token}">`,
    clock,
  );
  return { supply, batches };
}

function issuedAtOf(token: string): number {
  const reading = readFormToken(keys, token);
  if (reading.status !== 'ok') throw new Error(`${token} reads as ${reading.status}`);
  return reading.claims.issuedAt.getTime();
}

describe('the form token supply', () => {
  it('hands out each token once, a busy site minting in ever larger batches', () => {
    const clock = new ManualClock(start);
    const { supply, batches } = supplyWith(clock);
    const tokens = Array.from({ length: 500 }, () => supply.token());
    expect(new Set(tokens).size).toBe(500);
    expect(batches.map((b) => b.count)).toEqual([8, 16, 32, 64, 128, 256]);
    for (const token of tokens) expect(issuedAtOf(token)).toBe(start.getTime());
  });

  it('never hands out a token minted more than 250 ms before, and shrinks the batch a quiet site leaves unused', () => {
    const clock = new ManualClock(start);
    const { supply, batches } = supplyWith(clock);
    for (let i = 0; i < 40; i++) supply.token(); // batches of 8, 16 and 32, the last with 16 left
    clock.advance(251);
    const late = supply.token();
    expect(issuedAtOf(late)).toBe(start.getTime() + 251);
    clock.advance(251);
    supply.token();
    expect(batches.map((b) => b.count)).toEqual([8, 16, 32, 16, 8]);
    clock.advance(250);
    expect(issuedAtOf(supply.token())).toBe(start.getTime() + 502);
  });

  it('mints afresh when the clock is set back, rather than hand out a later time', () => {
    const clock = new ManualClock(start);
    const { supply } = supplyWith(clock);
    supply.token();
    clock.set(new Date(start.getTime() - 60_000));
    expect(issuedAtOf(supply.token())).toBe(start.getTime() - 60_000);
  });

  it('gives the field as text and as bytes of the same shape, each with a token of its own', () => {
    const clock = new ManualClock(start);
    const { supply } = supplyWith(clock);
    const fields = [supply.field(), supply.fieldBytes().toString('latin1'), supply.fieldBytes().toString('latin1')];
    const tokens = fields.map((field) => /^<input value="(v2\.[A-Za-z0-9_-]{40})">$/.exec(field)?.[1]);
    expect(tokens.every((t) => t !== undefined && issuedAtOf(t) === start.getTime())).toBe(true);
    expect(new Set(tokens).size).toBe(3);
  });
});
