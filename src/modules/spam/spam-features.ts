/*
 * A reply as a set of named features, the only thing the spam model sees. Every name starts with
 * its family (`w:` word, `b:` word pair, `c2:`/`c3:` characters of scripts written without spaces,
 * `link:`, `site-field:`, `author:`, `email:`, `contact:`, `money:`, `caps:`, `shape:`, `script:`,
 * `len:`, `fill:`, `obf:`) so the strongest signals read as an explanation on the moderators' desk.
 *
 * Cost is bounded whatever is sent: only the first `analysedChars` characters are read (the length
 * bucket still sees the whole), each step is one regular-expression pass, and the text families stop
 * at `maxTextFeatures`.
 */
import { addTextLinkFeatures, addWebsiteFeatures } from './spam-links.js';
import { addAuthorFeatures, addEmailFeatures, addShapeFeatures, fillFeature, lengthFeature } from './spam-shape.js';
import { foldText, joinSpacedLetters, scriptOf, undisguise, unspacedRun } from './spam-text.js';

/** What the filter reads of a reply: the form's fields, and how long the form took to fill when known. */
export interface SpamCandidate {
  comment: string;
  author: string;
  email: string;
  url: string;
  /** Seconds between serving the form and receiving it; null or absent when unknown. */
  secondsToFill?: number | null;
}

/** Characters of the comment read for features: a reply past this says nothing new, only costs time. */
export const analysedChars = 4_000;

/** At most this many word, word-pair and character-gram features per reply. */
export const maxTextFeatures = 500;

/** Characters of unspaced scripts looked at for grams; once the feature cap is reached, `scriptSample` of them suffice for the script mix. */
const maxGramChars = 1_000;
const scriptSample = 300;

/** Words read at most: about what 4,000 characters of prose hold; a run of tiny tokens stops here. */
const maxWords = 1_000;

/** Words longer than this are noise (a hash, a pasted token): one `w:long-token` feature stands for them. */
const maxWordLength = 30;

/** A word: letters, marks and digits, with the symbols leetspeak puts inside words. */
const wordPattern = /[\p{L}\p{M}\p{N}@$€|!'’]+/gu;

/** A word of plain ASCII letters, the common case, which needs no folding; and a plain number. */
const plainWord = /^[a-z](?:[a-z']*[a-z])?$/;
const plainNumber = /^\d+$/;

/** Symbols trimmed off a word's ends: punctuation there is not part of the word. */
const edgeSymbols = /^[!|'’@$€]+|[!|'’$€]+$/gu;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Word unigrams and pairs of the folded text, in text order, until the cap. Returns the words. */
function addWordFeatures(text: string, out: Set<string>, budget: { left: number }, scriptWeights: Map<string, number>): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(wordPattern)) {
    if (words.length >= maxWords) break;
    const raw = match[0];
    // Fast paths first (plain ASCII words, plain numbers): the folding below is most of the cost.
    let word: string;
    let script = 'latin';
    if (plainWord.test(raw)) word = raw;
    else if (plainNumber.test(raw)) {
      word = raw.length > maxWordLength ? 'long-token' : '#'.repeat(raw.length);
      script = '';
    } else {
      const token = raw.replace(edgeSymbols, '');
      if (!/[\p{L}\p{N}]/u.test(token)) continue;
      const disguised = token.length > maxWordLength ? undefined : undisguise(token);
      if (disguised) out.add(`obf:${disguised.how}`);
      word = disguised?.word ?? token.replace(/\d/g, '#').replace(/[’]/g, "'");
      const letter = /\p{L}/u.exec(word)?.[0];
      script = letter ? scriptOf(letter) : '';
    }
    if (word.length > maxWordLength) {
      out.add('w:long-token');
      continue;
    }
    if (script) scriptWeights.set(script, (scriptWeights.get(script) ?? 0) + word.length);
    const previous = words[words.length - 1];
    words.push(word);
    if (budget.left <= 0) continue;
    // Words of one or two letters are a language's glue (`и`, `em`, `da`, `of`): alone they say
    // which language a reply is in, not whether it is spam, so they only count inside pairs.
    if (word.length > 2 && !out.has(`w:${word}`)) {
      out.add(`w:${word}`);
      budget.left -= 1;
    }
    // Two numbers in a row (a date, a phone number split by spaces) make no pair: the contact and
    // money features say that better, and digit-shape pairs fired on dates in non-English ham.
    if (previous !== undefined && budget.left > 0 && !(previous[0] === '#' && word[0] === '#')) {
      const pair = `b:${previous}_${word}`;
      if (!out.has(pair)) {
        out.add(pair);
        budget.left -= 1;
      }
    }
  }
  return words;
}

/** Character pairs and triples of runs in scripts written without spaces (Chinese, Japanese, Thai). */
function addCharacterGrams(runs: readonly string[], out: Set<string>, budget: { left: number }, scriptWeights: Map<string, number>): void {
  let seen = 0;
  for (const run of runs) {
    let first = '';
    let second = '';
    // One pass by code point (for…of keeps astral Han characters whole), no array of characters.
    for (const char of run) {
      if (++seen > maxGramChars || (budget.left <= 0 && seen > scriptSample)) break;
      const script = scriptOf(char);
      scriptWeights.set(script, (scriptWeights.get(script) ?? 0) + 1);
      if (budget.left > 0 && second !== '') {
        const pair = `c2:${second}${char}`;
        if (!out.has(pair)) {
          out.add(pair);
          budget.left -= 1;
        }
        if (first !== '') {
          const triple = `c3:${first}${second}${char}`;
          if (!out.has(triple)) {
            out.add(triple);
            budget.left -= 1;
          }
        }
      }
      first = second;
      second = char;
    }
    if (first === '' && second !== '') out.add(`c1:${second}`);
    if (seen > maxGramChars || (budget.left <= 0 && seen > scriptSample)) return;
  }
}

/**
 * `script:none` (emoji or symbols only) and `script:mixed` when several scripts each hold a tenth of
 * the letters. Which script a reply is written in is no feature: it says where the reader lives, and
 * whatever the corpus taught about one language would be a fact about our writing, not about spam.
 */
function addScriptFeatures(scriptWeights: Map<string, number>, out: Set<string>): void {
  let total = 0;
  for (const weight of scriptWeights.values()) total += weight;
  if (total === 0) {
    out.add('script:none');
    return;
  }
  let present = 0;
  for (const weight of scriptWeights.values()) if (weight / total >= 0.1) present++;
  if (present >= 2) out.add('script:mixed');
}

/**
 * The deduplicated feature names of a reply. Never throws, whatever the strings hold (empty,
 * emoji only, any script, lone surrogates), and costs time proportional to at most `analysedChars`.
 */
export function spamFeatures(reply: SpamCandidate): string[] {
  const out = new Set<string>();
  const comment = asText(reply?.comment);
  const original = comment.slice(0, analysedChars);
  const folded = foldText(original);
  if (folded.invisible) out.add('obf:invisible');
  if (folded.zalgo) out.add('obf:zalgo');
  out.add(lengthFeature(comment.trim().length));

  const { hosts, rest } = addTextLinkFeatures(folded.text, out);
  const siteHost = addWebsiteFeatures(asText(reply?.url), out);
  if (siteHost) hosts.push(siteHost);

  const runs = rest.match(unspacedRun) ?? [];
  const spaced = runs.length > 0 ? rest.replace(unspacedRun, ' ') : rest;
  const joined = joinSpacedLetters(spaced);
  if (joined.joined > 0) out.add('obf:spaced');

  const budget = { left: maxTextFeatures };
  const scriptWeights = new Map<string, number>();
  const words = addWordFeatures(joined.text, out, budget, scriptWeights);
  addCharacterGrams(runs, out, budget, scriptWeights);
  addScriptFeatures(scriptWeights, out);
  addShapeFeatures(rest, original, words, out);

  const keywords = new Set(words);
  for (const host of hosts) for (const part of host.split(/[.\-]/)) keywords.add(part);
  const authorWords = addAuthorFeatures(asText(reply?.author), keywords, out);
  addEmailFeatures(asText(reply?.email), authorWords, out);
  const fill = fillFeature(reply?.secondsToFill);
  if (fill) out.add(fill);
  return [...out];
}
