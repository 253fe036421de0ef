import { describe, expect, it } from 'vitest';
import { formTokenKeys, FORM_TOKEN_LENGTH, mintFormTokens, readFormToken, signFormToken } from '../../src/lib/form-token.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createFormTokens, FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '../../src/web/form-tokens.js';

const keys = formTokenKeys('a site secret for tests');
const servedAt = new Date('2026-03-01T09:00:00Z');

/** The token with one of its dot-separated parts replaced. */
function withPart(token: string, index: number, value: (part: string) => string): string {
  const parts = token.split('.');
  parts[index] = value(parts[index]!);
  return parts.join('.');
}

/** A base64url string with its first character changed. */
const flipFirst = (part: string) => (part[0] === 'A' ? 'B' : 'A') + part.slice(1);

/** A version 2 token with bit `bit` of its bytes flipped (so every byte, block and tag, is tried). */
function withBitFlipped(token: string, bit: number): string {
  const bytes = Buffer.from(token.slice(3), 'base64url');
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return `v2.${bytes.toString('base64url')}`;
}

describe('the signed form token (version 2, minted in batches)', () => {
  it('reads back the time the form was served and a nonce of its own', () => {
    const [token] = mintFormTokens(keys.block, servedAt, 1, (into) => into.fill(7));
    expect(token).toHaveLength(FORM_TOKEN_LENGTH);
    expect(token).toMatch(/^v2\.[A-Za-z0-9_-]{40}$/);
    const reading = readFormToken(keys, token);
    expect(reading).toEqual({ status: 'ok', claims: { issuedAt: servedAt, nonce: expect.any(String) } });
    // The nonce is the time and the random bytes: two tokens of one millisecond still differ.
    expect(reading.status === 'ok' && Buffer.from(reading.claims.nonce, 'base64url').subarray(6)).toEqual(Buffer.alloc(9, 7));
  });

  it('gives each token of a batch, and of two batches, a different nonce, each reading back', () => {
    const batch = [...mintFormTokens(keys.block, servedAt, 64), ...mintFormTokens(keys.block, servedAt, 64)];
    const nonces = batch.map((token) => {
      const reading = readFormToken(keys, token);
      if (reading.status !== 'ok') throw new Error(`${token} reads as ${reading.status}`);
      expect(reading.claims.issuedAt).toEqual(servedAt);
      return reading.claims.nonce;
    });
    expect(new Set(nonces).size).toBe(128);
  });

  it('reads as forged when any one bit of it is changed: version, time, nonce or tag', () => {
    const [token] = mintFormTokens(keys.block, servedAt, 1);
    for (let bit = 0; bit < 30 * 8; bit++) expect(readFormToken(keys, withBitFlipped(token!, bit)).status).toBe('forged');
  });

  it('reads as forged when another site signed it, or when it is cut, lengthened or not a token', () => {
    const [token] = mintFormTokens(keys.block, servedAt, 1);
    expect(readFormToken(formTokenKeys('another secret'), token).status).toBe('forged');
    for (const junk of [
      'x',
      'v2.',
      'v2..',
      token!.slice(0, -1),
      `${token}A`,
      `${token}.extra`,
      token!.replace('v2', 'v3'),
      `v2.${'A'.repeat(40)}`,
    ]) {
      expect(readFormToken(keys, junk).status).toBe('forged');
    }
  });

  it('reads as missing when absent, empty or not text', () => {
    for (const value of [undefined, null, '', '   ', 42, ['a']]) {
      expect(readFormToken(keys, value).status).toBe('missing');
    }
  });
});

describe('the version 1 tokens issued before (still read)', () => {
  it('reads back the time the form was served and its nonce', () => {
    const token = signFormToken(keys, servedAt, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(readFormToken(keys, token)).toEqual({ status: 'ok', claims: { issuedAt: servedAt, nonce: 'AAAAAAAAAAAAAAAAAAAAAA' } });
  });

  it('reads as forged when any part is changed: version, time, nonce or signature', () => {
    const token = signFormToken(keys, servedAt);
    expect(
      readFormToken(
        keys,
        withPart(token, 0, () => 'v2'),
      ).status,
    ).toBe('forged');
    expect(
      readFormToken(
        keys,
        withPart(token, 1, (t) => (parseInt(t, 36) + 1000).toString(36)),
      ).status,
    ).toBe('forged');
    expect(readFormToken(keys, withPart(token, 2, flipFirst)).status).toBe('forged');
    expect(readFormToken(keys, withPart(token, 3, flipFirst)).status).toBe('forged');
  });

  it('reads as forged when signed with another secret, or not a token at all', () => {
    expect(readFormToken(formTokenKeys('another secret'), signFormToken(keys, servedAt)).status).toBe('forged');
    for (const junk of ['v1...', 'v1.zz.abc.def', `${signFormToken(keys, servedAt)}.extra`]) {
      expect(readFormToken(keys, junk).status).toBe('forged');
    }
  });
});

describe('what a posted form shows (form-tokens.ts)', () => {
  const clock = new ManualClock(servedAt);
  const tokens = createFormTokens('a site secret for tests', clock);

  it('counts the seconds between serving the form and the post, by the injected clock', () => {
    clock.set(servedAt);
    const token = tokens.issue();
    clock.advance(7_400);
    const evidence = tokens.evidence({ [FORM_TOKEN_FIELD]: token });
    expect(evidence.botSignals).toEqual({ honeypot: false, token: 'ok', secondsToFill: 7 });
    expect(evidence.formNonce?.expiresAt).toEqual(new Date(servedAt.getTime() + 86_400_000));
  });

  it('reads a token older than a day as expired, with no nonce to record', () => {
    clock.set(servedAt);
    const token = tokens.issue();
    clock.advance(86_400_000 + 1000);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token })).toEqual({
      botSignals: { honeypot: false, token: 'expired', secondsToFill: 86_401 },
      formNonce: null,
    });
  });

  it('accepts a token exactly a day old', () => {
    clock.set(servedAt);
    const token = tokens.issue();
    clock.advance(86_400_000);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token }).botSignals.token).toBe('ok');
  });

  it('reads a token from a clock running ahead as posted at once', () => {
    clock.set(servedAt);
    const token = tokens.issue(-30);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token }).botSignals.secondsToFill).toBe(0);
  });

  it('sees the honeypot filled only when it holds something', () => {
    const token = tokens.issue(60);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token, [HONEYPOT_FIELD]: '' }).botSignals.honeypot).toBe(false);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token, [HONEYPOT_FIELD]: '  ' }).botSignals.honeypot).toBe(false);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token, [HONEYPOT_FIELD]: 'http://spam.example' }).botSignals.honeypot).toBe(true);
    expect(tokens.evidence({ [FORM_TOKEN_FIELD]: token, [HONEYPOT_FIELD]: ['a', 'b'] }).botSignals.honeypot).toBe(true);
  });
});
