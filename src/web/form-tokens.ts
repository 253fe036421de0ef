import type { Clock } from '../lib/clock.js';
import { formTokenKeys, mintFormTokens, readFormToken } from '../lib/form-token.js';
import { FORM_TOKEN_LIFETIME_MS } from '../modules/moderation/index.js';
import type { BotSignals, Sender } from '../modules/replies/index.js';
import { createFormTokenSupply } from './form-token-supply.js';

/** The reply form's hidden field carrying the signed token. */
export const FORM_TOKEN_FIELD = 'form_token';

/**
 * The honeypot: a field people never see (hidden by the stylesheet, and from screen readers) and
 * bots fill. Named like a field worth filling, but nothing a browser or password manager fills for
 * a person (`autocomplete="off"` as well).
 */
export const HONEYPOT_FIELD = 'contact_url';

/**
 * Where a rendered page wants a fresh token. An HTML comment: reader and article text is escaped
 * or sanitised, so nothing a reader writes can make one; the form comes last, so the last one is
 * the form's.
 */
export const FORM_TOKEN_MARKER = '<!--gazette:form-token-->';

/** What the reply writer is told of a post's form: the bot signals and, for a good token, its nonce. */
export type FormEvidence = Pick<Sender, 'botSignals' | 'formNonce'>;

/** Issues and reads the reply form's signed tokens. */
export interface FormTokens {
  /** A fresh token for a form served now, or `agoSeconds` before now (tests, standing in for a reader's pause). */
  issue(agoSeconds?: number): string;
  /** The hidden input carrying a fresh token, as HTML (replaces `FORM_TOKEN_MARKER`). */
  field(): string;
  /** The same as bytes, for the cache's fast path (a view of a batch's bytes: written, not kept). */
  fieldBytes(): Buffer;
  /** What a posted form shows: the honeypot, the token's state and how long the reader had the form. */
  evidence(body: Record<string, unknown>): FormEvidence;
}

/** The hidden input for `token` (base64url and dots only: nothing to escape in an attribute). */
function fieldOf(token: string): string {
  return `<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${token}">`;
}

/** Form tokens signed with keys derived from the site secret, timed by the site's clock, minted in batches. */
export function createFormTokens(siteSecret: string, clock: Clock): FormTokens {
  const keys = formTokenKeys(siteSecret);
  const supply = createFormTokenSupply((issuedAt, count) => mintFormTokens(keys.block, issuedAt, count), fieldOf, clock);
  return {
    issue: (agoSeconds = 0) =>
      agoSeconds === 0 ? supply.token() : mintFormTokens(keys.block, new Date(clock.now().getTime() - agoSeconds * 1000), 1)[0]!,
    field: supply.field,
    fieldBytes: supply.fieldBytes,
    evidence(body) {
      const bait = body[HONEYPOT_FIELD];
      const honeypot = typeof bait === 'string' ? bait.trim() !== '' : bait !== undefined && bait !== null;
      const reading = readFormToken(keys, body[FORM_TOKEN_FIELD]);
      if (reading.status !== 'ok') return { botSignals: { honeypot, token: reading.status, secondsToFill: null }, formNonce: null };
      const { issuedAt, nonce } = reading.claims;
      // A token from a node whose clock runs ahead reads as posted at once: held, not refused.
      const secondsToFill = Math.max(0, Math.floor((clock.now().getTime() - issuedAt.getTime()) / 1000));
      const expiresAt = new Date(issuedAt.getTime() + FORM_TOKEN_LIFETIME_MS);
      const token: BotSignals['token'] = expiresAt.getTime() < clock.now().getTime() ? 'expired' : 'ok';
      return { botSignals: { honeypot, token, secondsToFill }, formNonce: token === 'ok' ? { nonce, expiresAt } : null };
    },
  };
}
