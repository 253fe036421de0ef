import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { randomBytesPool } from './random-bytes-pool.js';

/**
 * Commenter emails at rest: AES-256-GCM (NIST SP 800-38D) with a 96-bit random nonce per value,
 * stored as `gz1:<key id>:<base64url(nonce | tag | ciphertext)>`. The key id (a keyed digest of the
 * key, never the key) says which key sealed a value, so a wrong key is named instead of yielding
 * garbage, and `gazette keys rotate` can tell what it has already re-sealed. Matching never
 * decrypts: replies are found through the keyed email hash (keyed-hash.ts).
 */
export interface EmailCipher {
  /** Which key this is (16 hex characters); what the site's settings remember to catch a wrong key. */
  readonly keyId: string;
  /** Seals an address; '' (a reply with no email) stays ''. */
  seal(email: string): string;
  /** Opens a sealed address; '' stays ''. Throws `EmailKeyMismatch` for a value another key sealed. */
  open(stored: string): string;
}

/** A stored value that this key did not seal (or that is damaged). */
export class EmailKeyMismatch extends Error {}

const PREFIX = 'gz1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Nonces drawn from the random source at a time: one call per 256 seals instead of one each (an import seals a million). */
const NONCES_PER_DRAW = 256;

/** The key id of key material: what the settings keep so that a different key is caught at start. */
export function emailKeyId(material: string): string {
  return createHmac('sha256', material).update('gazette email key id v1').digest('hex').slice(0, 16);
}

/** Whether a stored value is sealed (by any key), as opposed to an address from before encryption. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(`${PREFIX}:`);
}

/** The id of the key that sealed a stored value, or undefined when it is not sealed. */
export function sealedWith(stored: string): string | undefined {
  return isSealed(stored) ? stored.split(':')[1] : undefined;
}

/** Makes a new random key, as written to the key file on first start. */
export function newEmailKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A cipher over key material (`SECRET_KEY`, the key file: any string of 32 or more characters),
 * stretched to a 256-bit AES key with HKDF (RFC 5869) so a passphrase-like value still works.
 */
export function createEmailCipher(material: string): EmailCipher {
  const key = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'gazette email encryption v1', 32));
  const keyId = emailKeyId(material);
  // The key id is bound to the ciphertext: a value cannot be relabelled as another key's.
  const aad = Buffer.from(`${PREFIX}:${keyId}`);
  // Random bytes drawn in bulk, each nonce taken once: as random as a draw per seal, and never reused.
  const freshNonce = randomBytesPool(NONCE_BYTES, NONCES_PER_DRAW);
  return {
    keyId,
    seal(email) {
      if (email === '') return '';
      const nonce = freshNonce();
      const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      const body = Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]);
      return `${PREFIX}:${keyId}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(stored) {
      if (stored === '') return '';
      const [prefix, id, payload] = stored.split(':');
      if (prefix !== PREFIX || payload === undefined) throw new EmailKeyMismatch('this email is not sealed by Gazette');
      if (id !== keyId) throw new EmailKeyMismatch(`this email was sealed with key ${id}, not with the key at hand (${keyId})`);
      const raw = Buffer.from(payload, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES)).setAAD(aad);
        decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new EmailKeyMismatch('this sealed email is damaged');
      }
    },
  };
}
