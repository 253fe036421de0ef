import { createCipheriv, createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import { randomBytesPool } from './random-bytes-pool.js';

/*
 * The reply form's signed token: when the form was served and a random nonce, signed with a key
 * derived from the site secret. It proves a post comes from a form this site served, says how long
 * the reader had it, and (the nonce, remembered once used) that it is not posted a second time.
 *
 * Issued now, version 2: `v2.` and 40 base64url characters, which are 30 bytes: a 16-byte block
 * (the version byte 2, the issue time in ms as 6 bytes, 9 random bytes) and the first 14 bytes of
 * that block enciphered with AES-256 under a key of its own. A block cipher on one block is a
 * pseudorandom function, so its output is a MAC for that fixed-length message: without the key
 * nobody can make the tag of a block they chose (a guess is right once in 2^112). Unlike an HMAC,
 * one cipher call signs a whole batch of blocks, so tokens are minted many at a time
 * (web/form-token-supply.ts): a cached page answered with an HMAC made for it spent about a
 * quarter of its CPU on the token (issue 12, docs/benchmarks.md).
 *
 * Version 1, `v1.<issued ms, base36>.<nonce, base64url>.<HMAC-SHA-256, base64url>`, was issued
 * before; pages served then may still be open, so it is still read (a day: FORM_TOKEN_LIFETIME_MS).
 */

/** What a token says once its signature checks out. */
export interface FormTokenClaims {
  issuedAt: Date;
  nonce: string;
}

/** How a posted token reads: its claims, or why there are none. */
export type FormTokenReading = { status: 'ok'; claims: FormTokenClaims } | { status: 'missing' | 'forged' };

/** The keys, derived from the site secret, so a token's MAC never doubles as an email fingerprint or a cookie signature. */
export interface FormTokenKeys {
  /** Version 1's HMAC key (read only). */
  hmac: Buffer;
  /** Version 2's AES-256 key. */
  block: Buffer;
}

export function formTokenKeys(siteSecret: string): FormTokenKeys {
  return {
    hmac: createHmac('sha256', siteSecret).update('gazette reply form token v1').digest(),
    block: createHmac('sha256', siteSecret).update('gazette reply form token v2').digest(),
  };
}

const V1_SHAPE = /^v1\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** 40 base64url characters are exactly 30 bytes: no spare bits, so each token has one spelling. */
const V2_SHAPE = /^v2\.([A-Za-z0-9_-]{40})$/;
const V2 = 2;
const BLOCK_BYTES = 16;
const TAG_BYTES = 14;
const TOKEN_BYTES = BLOCK_BYTES + TAG_BYTES;
const TOKEN_TEXT = 40;
/** Every token's length in characters (all ASCII): `v2.` and its 40. */
export const FORM_TOKEN_LENGTH = 3 + TOKEN_TEXT;

/** `blocks` (whole 16-byte blocks) enciphered one by one under `key`. */
function encipherBlocks(key: Buffer, blocks: Buffer): Buffer {
  // ECB is what the construction needs here: each block is a message of its own, never a longer text's part.
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]);
}

/**
 * `count` fresh tokens for forms served at `issuedAt`, from one cipher call. `random` fills the
 * nonces' bytes (tests pass their own, to fix them).
 */
export function mintFormTokens(key: Buffer, issuedAt: Date, count: number, random: (into: Buffer) => void = randomFillSync): string[] {
  const blocks = Buffer.allocUnsafe(BLOCK_BYTES * count);
  random(blocks);
  for (let at = 0; at < blocks.length; at += BLOCK_BYTES) {
    blocks[at] = V2;
    blocks.writeUIntBE(issuedAt.getTime(), at + 1, 6);
  }
  const tags = encipherBlocks(key, blocks);
  const bytes = Buffer.allocUnsafe(TOKEN_BYTES * count);
  for (let i = 0; i < count; i++) {
    blocks.copy(bytes, i * TOKEN_BYTES, i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES);
    tags.copy(bytes, i * TOKEN_BYTES + BLOCK_BYTES, i * BLOCK_BYTES, i * BLOCK_BYTES + TAG_BYTES);
  }
  // One encoding for the batch: each token's 30 bytes are 40 characters of it.
  const text = bytes.toString('base64url');
  const tokens = new Array<string>(count);
  for (let i = 0; i < count; i++) tokens[i] = `v2.${text.slice(i * TOKEN_TEXT, (i + 1) * TOKEN_TEXT)}`;
  return tokens;
}

function hmacOf(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** Version 1's nonces, for `signFormToken`. */
const nonceBytes = randomBytesPool(16);

/**
 * Signs a version 1 token (no longer issued: tests make one to show such tokens still read), with
 * a fresh random nonce unless one is given.
 */
export function signFormToken(keys: FormTokenKeys, issuedAt: Date, nonce = nonceBytes().toString('base64url')): string {
  const payload = `v1.${issuedAt.getTime().toString(36)}.${nonce}`;
  return `${payload}.${hmacOf(keys.hmac, payload).toString('base64url')}`;
}

/** Reads a posted token: `missing` when absent or empty, `forged` when malformed or its signature does not match. */
export function readFormToken(keys: FormTokenKeys, token: unknown): FormTokenReading {
  if (typeof token !== 'string' || token.trim() === '') return { status: 'missing' };
  const text = token.trim();
  const v2 = V2_SHAPE.exec(text);
  if (v2) return readVersion2(keys.block, v2[1]!);
  const v1 = V1_SHAPE.exec(text);
  if (v1) return readVersion1(keys.hmac, v1 as unknown as [string, string, string, string]);
  return { status: 'forged' };
}

function readVersion2(key: Buffer, text: string): FormTokenReading {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== TOKEN_BYTES || bytes[0] !== V2) return { status: 'forged' };
  const block = bytes.subarray(0, BLOCK_BYTES);
  const expected = encipherBlocks(key, block).subarray(0, TAG_BYTES);
  // Compared in constant time, so the tag cannot be guessed byte by byte from timings.
  if (!timingSafeEqual(bytes.subarray(BLOCK_BYTES), expected)) return { status: 'forged' };
  // The time and the random bytes together: unique per token, as the used-token table's key wants.
  return { status: 'ok', claims: { issuedAt: new Date(block.readUIntBE(1, 6)), nonce: block.subarray(1).toString('base64url') } };
}

function readVersion1(key: Buffer, [, issued, nonce, signature]: [string, string, string, string]): FormTokenReading {
  const expected = hmacOf(key, `v1.${issued}.${nonce}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'forged' };
  const ms = parseInt(issued, 36);
  if (!Number.isSafeInteger(ms)) return { status: 'forged' };
  return { status: 'ok', claims: { issuedAt: new Date(ms), nonce } };
}
