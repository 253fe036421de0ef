import { describe, expect, it } from 'vitest';
import { formTokenKey, readFormToken, signFormToken } from '../../src/lib/form-token.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createFormTokens, FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '../../src/web/form-tokens.js';

const key = formTokenKey('a site secret for tests');
const servedAt = new Date('2026-03-01T09:00:00Z');

/** The token with one of its dot-separated parts replaced. */
function withPart(token: string, index: number, value: (part: string) => string): string {
  const parts = token.split('.');
  parts[index] = value(parts[index]!);
  return parts.join('.');
}

/** A base64url string with its first character changed. */
const flipFirst = (part: string) => (part[0] === 'A' ? 'B' : 'A') + part.slice(1);

describe('the signed form token', () => {
  it('reads back the time the form was served and its nonce', () => {
    const token = signFormToken(key, servedAt, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(readFormToken(key, token)).toEqual({ status: 'ok', claims: { issuedAt: servedAt, nonce: 'AAAAAAAAAAAAAAAAAAAAAA' } });
  });

  it('gives each form a different nonce', () => {
    const a = readFormToken(key, signFormToken(key, servedAt));
    const b = readFormToken(key, signFormToken(key, servedAt));
    expect(a.status === 'ok' && b.status === 'ok' && a.claims.nonce !== b.claims.nonce).toBe(true);
  });

  it('reads as forged when any part is changed: version, time, nonce or signature', () => {
    const token = signFormToken(key, servedAt);
    expect(
      readFormToken(
        key,
        withPart(token, 0, () => 'v2'),
      ).status,
    ).toBe('forged');
    expect(
      readFormToken(
        key,
        withPart(token, 1, (t) => (parseInt(t, 36) + 1000).toString(36)),
      ).status,
    ).toBe('forged');
    expect(readFormToken(key, withPart(token, 2, flipFirst)).status).toBe('forged');
    expect(readFormToken(key, withPart(token, 3, flipFirst)).status).toBe('forged');
  });

  it('reads as forged when signed with another secret, or not a token at all', () => {
    expect(readFormToken(formTokenKey('another secret'), signFormToken(key, servedAt)).status).toBe('forged');
    for (const junk of ['x', 'v1...', 'v1.zz.abc.def', `${signFormToken(key, servedAt)}.extra`]) {
      expect(readFormToken(key, junk).status).toBe('forged');
    }
  });

  it('reads as missing when absent, empty or not text', () => {
    for (const value of [undefined, null, '', '   ', 42, ['a']]) {
      expect(readFormToken(key, value).status).toBe('missing');
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
