/*
 * Features of a reply's shape rather than its words: how to reach the writer (phone, messenger,
 * e-mail in the text), money talk, capitals, emoji and repetition, and who the writer says they are
 * (the Name and E-mail fields). Each family has its prefix, so an explanation reads `contact:phone`.
 */
import { foldText, undisguise } from './spam-text.js';

/** An address around an `@`, tested on a short window only (a long run of letters must not be rescanned from every start). */
const emailAround = /[\p{L}\p{N}._%+\-]@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}/u;
// Plain (non-`u`) expressions where every character is in the BMP: V8 runs them markedly faster.
const phoneLike = /\+?\d[\d \-().]{7,20}\d/g;
const messenger =
  /whats\s?app|telegram|t\.me\/|wechat|viber|skype|signal app|kakaotalk|line id|ватсап|вотсап|вацап|телеграм|微信|ライン|텔레그램|카카오톡/;
const handle = /(?:^|\s)@[a-z0-9_.]{4,}/;
const currencyAmount = /[$€£¥₹₽₩₺]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?|pounds|btc|usdt|eth|руб|рублей|元|万|円|원)/;
const bigAmount =
  /[$€£¥₹₽₩₺]\s?\d{1,3}(?:[,.\s]?\d{3}){1,4}|(?<![\d,.])\d{1,3}(?:[,.\s]?\d{3}){1,4}\s?(?:usd|eur|dollars?|euros?|руб|рублей|元|円|원)/;
const returnsTalk = /(?<!\d)\d{1,6}\s?%\s?(?:profit|return|roi|bonus|off|discount|guaranteed|прибыл|доход|скидк)/;
/** Emoji: the astral pictograph blocks and the BMP dingbats and symbols (code units, for speed). */
const pictograph = /\ud83c[\udf00-\udfff]|\ud83d[\udc00-\udeff]|\ud83e[\udd00-\udfff]|[\u2600-\u27bf]/g;
/** Capital and small letters of the cased alphabets (Latin, Greek, Cyrillic), by code-unit range: fast on any text. */
const notUpper = /[^A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0400-\u042f]+/g;
const notLower = /[^a-z\u00df-\u00f6\u00f8-\u00ff\u03b1-\u03c9\u0430-\u045f]+/g;

/** How many times `pattern` (global) matches in `text`, counting no further than `limit`. */
function countUpTo(pattern: RegExp, text: string, limit: number): number {
  pattern.lastIndex = 0;
  let count = 0;
  while (count < limit && pattern.exec(text)) count += 1;
  return count;
}

/** Whether an e-mail address is written in the text (looking around the first few `@` only). */
function hasEmailAddress(text: string): boolean {
  let at = text.indexOf('@');
  for (let tries = 0; at !== -1 && tries < 5; tries++) {
    if (emailAround.test(text.slice(Math.max(0, at - 1), at + 100))) return true;
    at = text.indexOf('@', at + 1);
  }
  return false;
}

/** Adds `contact:`, `money:` and `shape:` features of the folded text; `original` is the text before folding (for capitals). */
export function addShapeFeatures(text: string, original: string, words: readonly string[], out: Set<string>): void {
  if (hasEmailAddress(text)) out.add('contact:email');
  for (const match of text.matchAll(phoneLike)) {
    const digits = match[0].replace(/\D/g, '').length;
    if (digits >= 9 && digits <= 15) {
      out.add(match[0].startsWith('+') ? 'contact:phone-intl' : 'contact:phone');
      break;
    }
  }
  if (messenger.test(text)) out.add('contact:messenger');
  if (handle.test(text)) out.add('contact:handle');
  if (currencyAmount.test(text)) out.add('money:amount');
  if (bigAmount.test(text)) out.add('money:big');
  if (returnsTalk.test(text)) out.add('money:returns');

  const upper = original.replace(notUpper, '').length;
  const lower = original.replace(notLower, '').length;
  if (upper + lower >= 12) {
    const ratio = upper / (upper + lower);
    out.add(`caps:${ratio < 0.05 ? 'none' : ratio < 0.3 ? 'some' : ratio < 0.7 ? 'half' : 'most'}`);
  } else if (upper + lower > 0 && upper === 0) out.add('caps:none');
  if (/!{3,}/.test(text)) out.add('shape:exclaim-run');
  if (/\?{3,}/.test(text)) out.add('shape:question-run');
  const emoji = countUpTo(pictograph, text, 5);
  if (emoji > 0) out.add(`shape:emoji:${emoji === 1 ? '1' : emoji <= 4 ? '2-4' : '5+'}`);
  if (countUpTo(/\n/g, text, 13) > 12) out.add('shape:many-lines');
  if (words.length >= 30 && new Set(words).size / words.length < 0.35) out.add('shape:repetitive');
}

/** Length of the reply in characters, as a bucket. */
export function lengthFeature(length: number): string {
  const limits = [20, 60, 150, 400, 1000, 2500];
  const bucket = limits.find((limit) => length < limit);
  return `len:${bucket === undefined ? '2500+' : '<' + bucket}`;
}

/** Time from showing the form to sending it, as a bucket: bots fill forms in no time, or hours later. */
export function fillFeature(seconds: number | null | undefined): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  const limits = [3, 8, 20, 60, 300, 3600];
  const bucket = limits.find((limit) => seconds < limit);
  return `fill:${bucket === undefined ? '3600s+' : '<' + bucket + 's'}`;
}

const bareDomainName =
  /(?:^|[\s.])[a-z0-9\-]+\.(?:com|net|org|info|biz|io|co|ru|shop|online|site|store|top|xyz|club|bet|casino|pro|uk|de|in)(?:$|[\s/])/;

/** One word of the Name field, folded as text words are, or undefined for noise. */
function nameWord(token: string): string {
  return undisguise(token)?.word ?? token.replace(/\d/g, '#');
}

/**
 * Adds `author:` features of the Name field and returns its words. `keywords` are the words of the
 * text and the host names of its links: a "name" that repeats them (`Cheap Flights Madrid` under a
 * link to cheap-flights-madrid…) is an anchor text, not a person.
 */
export function addAuthorFeatures(author: string, keywords: ReadonlySet<string>, out: Set<string>): string[] {
  const { text } = foldText(author.slice(0, 200));
  const trimmed = text.trim();
  if (trimmed === '') {
    out.add('author:empty');
    return [];
  }
  const words = (trimmed.match(/[\p{L}\p{M}\p{N}@$!|]+/gu) ?? []).slice(0, 8).map(nameWord);
  const count = words.length;
  out.add(`author:words:${count >= 4 ? '4+' : count}`);
  if (/\d/.test(trimmed)) out.add('author:digits');
  if (/https?:|www\./.test(trimmed) || bareDomainName.test(trimmed)) out.add('author:domain-like');
  if (trimmed.length > 40) out.add('author:long');
  const original = author.slice(0, 200);
  if (/\p{Lu}{2}/u.test(original) && !/\p{Ll}/u.test(original)) out.add('author:caps');
  if (count > 0 && !/\p{Lu}/u.test(original) && /\p{Ll}/u.test(original)) out.add('author:lower');
  let keywordHits = 0;
  for (const word of words) {
    if (word.length >= 3) out.add(`author:w:${word}`);
    if (word.length >= 4 && keywords.has(word)) keywordHits += 1;
  }
  if (keywordHits > 0) out.add(keywordHits > 1 ? 'author:keywords:2+' : 'author:keywords:1');
  return words;
}

/**
 * Adds `email:` features from the address's local part only. The domain is left out on purpose:
 * our corpus uses reserved example domains for both classes, so nothing true could be learnt from it.
 */
export function addEmailFeatures(email: string, authorWords: readonly string[], out: Set<string>): void {
  const trimmed = foldText(email.slice(0, 320)).text.trim();
  if (trimmed === '') {
    out.add('email:empty');
    return;
  }
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) {
    out.add('email:malformed');
    return;
  }
  const local = trimmed.slice(0, at);
  const letters = local.replace(/[^\p{L}]/gu, '');
  const digits = local.replace(/\D/g, '').length;
  if (digits >= 3) out.add('email:local-digits');
  if (/[._\-]/.test(local)) out.add('email:local-separated');
  // Random-looking: few vowels for its length, a long consonant run, or letters and digits shuffled.
  const vowels = letters.replace(/[^aeiouyаеёиоуыэюяáéíóúàèìòùäöü]/g, '').length;
  const shuffled = (local.match(/\p{L}\d|\d\p{L}/gu)?.length ?? 0) >= 3;
  if (local.length >= 6 && (vowels / Math.max(letters.length, 1) < 0.2 || /[bcdfghjklmnpqrstvwxz]{5,}/.test(local) || shuffled)) {
    out.add('email:local-random');
  }
  if (authorWords.some((word) => word.length >= 3 && local.includes(word))) out.add('email:matches-name');
  out.add(`email:local-length:${local.length < 6 ? '<6' : local.length < 12 ? '<12' : '12+'}`);
}
