import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { minPasswordLength, normaliseEmail } from './accounts.js';

/*
 * Password strength by zxcvbn (its TypeScript port, with the common and English dictionaries)
 * instead of hand-written rules, which let `password1234` through (issue 11, item 8). Following
 * NIST SP 800-63B: a length floor and a check against known and guessable values, no composition
 * rules.
 */

/** zxcvbn's scale runs 0–4; 3 is "safely unguessable" against an offline attack on a slow hash (ours is Argon2). */
const MIN_SCORE = 3;
/** Past this, hashing the password costs more than any real one needs. */
const MAX_LENGTH = 256;

/**
 * The estimator, built on first use and kept: its dictionaries are some megabytes of word lists
 * that take a second to load, which a server that never sets a password (or `gazette --help`)
 * should not pay. The words never change, so one copy per process serves every site and test.
 */
let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    // No Levenshtein matching: it made one check take seconds on the large English lists.
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return estimator;
}

/** The words of someone's email and name, which zxcvbn then counts as easy guesses. */
function personalWords(context: { email?: string; name?: string }): string[] {
  const email = context.email ? normaliseEmail(context.email) : '';
  const local = email.split('@')[0] ?? '';
  const name = context.name?.trim().toLowerCase() ?? '';
  return [email, local, ...local.split(/[._+-]+/), name, ...name.split(/\s+/), 'gazette'].filter((w) => w.length >= 3);
}

/**
 * Why a password is too weak (zxcvbn's warning and suggestions, in a sentence a person can act
 * on), or undefined when it is acceptable.
 */
export async function passwordWeakness(password: string, context: { email?: string; name?: string } = {}): Promise<string | undefined> {
  if (password.length < minPasswordLength) {
    return `The password is too short: ${password.length} characters, at least ${minPasswordLength} are needed. A few unrelated words make a good one.`;
  }
  if (password.length > MAX_LENGTH) return `The password is too long: at most ${MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const local = context.email ? (normaliseEmail(context.email).split('@')[0] ?? '') : '';
  if (local.length >= 4 && lower.includes(local)) return 'The password contains your email address; choose something unrelated to you.';
  const name = context.name?.trim().toLowerCase().replace(/\s+/g, '') ?? '';
  if (name.length >= 4 && lower.includes(name)) return 'The password contains your name; choose something unrelated to you.';
  const result = (await loadEstimator()).check(password, personalWords(context));
  if (result.score >= MIN_SCORE) return undefined;
  const { warning, suggestions } = result.feedback;
  const advice = [warning, ...suggestions].filter((s): s is string => Boolean(s)).join(' ');
  return `The password is too easy to guess.${advice ? ` ${advice}` : ''} A few unrelated words make a strong one.`;
}
