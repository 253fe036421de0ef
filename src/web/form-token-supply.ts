import type { Clock } from '../lib/clock.js';

/** How the supply batches (defaults in `createFormTokenSupply`). */
export interface FormTokenSupplyOptions {
  /** The longest a minted token waits to be handed out: its issue time is its batch's. */
  maxAgeMs?: number;
  /** The smallest and largest batch. */
  minBatch?: number;
  maxBatch?: number;
}

/** Fresh form tokens, one per call, from batches minted ahead; each is handed out once. */
export interface FormTokenSupply {
  /** A token. */
  token(): string;
  /** A token's hidden input, as HTML (`fieldOf` of a token): the text of `fieldBytes`' slice. */
  field(): string;
  /** A token's hidden input as bytes: a view of its batch's, which the cache's fast path writes as it is. */
  fieldBytes(): Buffer;
}

/**
 * Hands out tokens from batches `mint` makes (lib/form-token.ts: one cipher call per batch), so a
 * cached page's hit takes a token for the price of a slice. A batch serves for `maxAgeMs` at most:
 * its tokens say they were issued when it was minted, so a form served later reads as held that
 * much longer, and the bot judge's "faster than a person types" errs by no more than that. The
 * batch doubles when it runs out within its time and halves when its time ends first, so a busy
 * site mints rarely and a quiet one does not mint hundreds to hand out two.
 */
export function createFormTokenSupply(
  mint: (issuedAt: Date, count: number) => string[],
  fieldOf: (token: string) => string,
  clock: Clock,
  options: FormTokenSupplyOptions = {},
): FormTokenSupply {
  const maxAgeMs = options.maxAgeMs ?? 250;
  const minBatch = options.minBatch ?? 8;
  const maxBatch = options.maxBatch ?? 512;
  let size = minBatch;
  let tokens: string[] = [];
  /** The batch's hidden inputs, one after another, as text and as the same bytes. */
  let fields = '';
  let bytes = Buffer.alloc(0);
  let fieldLength = 0;
  let mintedAt = Number.NEGATIVE_INFINITY;
  let next = 0;

  /** The index of the next token, minting a batch first when this one is spent or too old. */
  function take(): number {
    const now = clock.now().getTime();
    const spent = next >= tokens.length;
    // Either way round: a clock set back (tests, a corrected host clock) must not keep handing out a later time.
    if (spent || Math.abs(now - mintedAt) > maxAgeMs) {
      if (tokens.length > 0) size = spent ? Math.min(maxBatch, size * 2) : Math.max(minBatch, Math.ceil(size / 2));
      tokens = mint(new Date(now), size);
      // Every token has the same length (ASCII), so every field too: one buffer, sliced per hit.
      fields = tokens.map(fieldOf).join('');
      bytes = Buffer.from(fields, 'latin1');
      fieldLength = fields.length / tokens.length;
      mintedAt = now;
      next = 0;
    }
    return next++;
  }

  // `take()` before reading `tokens`: it may mint a new batch.
  return {
    token() {
      const i = take();
      return tokens[i]!;
    },
    field() {
      const i = take();
      return fields.slice(i * fieldLength, (i + 1) * fieldLength);
    },
    fieldBytes() {
      const i = take();
      return bytes.subarray(i * fieldLength, (i + 1) * fieldLength);
    },
  };
}
