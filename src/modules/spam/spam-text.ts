/*
 * Text folding for the spam features: what a spammer changes to slip past a word list (look-alike
 * letters, digits for letters, invisible characters, spaced-out letters) is folded back here, so
 * `v1agra`, `ｖｉａｇｒａ` and `v.i.a.g.r.a` all reach the same word feature.
 */

/** Lone UTF-16 surrogates: not characters; replaced so no later step (normalize, regex) sees one. */
const loneSurrogate = /\p{Cs}/gu;

/** Format characters (zero-width space and joiners, bidi marks, soft hyphen, BOM): they draw nothing. */
const invisible = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** Three or more combining marks in a row: "zalgo" stacking, never written by a keyboard. */
const stackedMarks = /\p{M}{3,}/gu;

/**
 * The reply text ready for tokenising: well-formed, NFKC (full-width and mathematical letters become
 * plain ones), lower case, invisible characters removed. `zalgo` says whether stacked marks were removed.
 */
export function foldText(raw: string): { text: string; invisible: boolean; zalgo: boolean } {
  const wellFormed = raw.replace(loneSurrogate, '\ufffd');
  const normalised = wellFormed.normalize('NFKC').toLowerCase();
  const visible = normalised.replace(invisible, '');
  const text = visible.replace(stackedMarks, '');
  return { text, invisible: visible.length !== normalised.length, zalgo: text.length !== visible.length };
}

/** Digits and symbols read as letters in "leetspeak". */
const leet: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '€': 'e',
};

/** Cyrillic and Greek letters that look like Latin ones, used to dodge filters inside Latin words. */
const lookAlike: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ѕ: 's',
  ј: 'j',
  ο: 'o',
  α: 'a',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ρ: 'p',
  τ: 't',
  υ: 'u',
};

const latinLetter = /\p{Script=Latin}/u;
const otherLookAlike = /[авеёкмнорстухіѕјοαεικνρτυ]/u;

/**
 * The word a disguised token stands for, or undefined when the token is not disguised: digits or
 * symbols standing between letters (`v1agra`, `c@sino`, `fr33b1es`), or Cyrillic/Greek look-alikes
 * mixed into a Latin word (`pаypal` with a Cyrillic а). A plain `covid19` or `g20` (digits only at
 * the end) is a real word and is left alone.
 */
export function undisguise(token: string): { word: string; how: 'leet' | 'homoglyph' } | undefined {
  if (latinLetter.test(token) && otherLookAlike.test(token)) {
    let word = '';
    for (const ch of token) word += lookAlike[ch] ?? ch;
    if (/^\p{Script=Latin}+$/u.test(word)) return { word, how: 'homoglyph' };
  }
  const letters = token.replace(/[^\p{L}]/gu, '').length;
  if (letters < 2 || letters === token.length) return undefined;
  const inner = /\p{L}[0-9@$!|€]+\p{L}/u.test(token);
  const leadingOrTrailingSymbol = /^[@$!|€]+\p{L}|\p{L}[@$!|€]+$/u.test(token) && !/^[!]+|[!]+$/u.test(token);
  if (!inner && !leadingOrTrailingSymbol) return undefined;
  let word = '';
  for (const ch of token) word += leet[ch] ?? ch;
  return /^\p{L}+$/u.test(word) ? { word, how: 'leet' } : undefined;
}

/**
 * Runs of four or more single Latin, Greek or Cyrillic letters joined by the same separator (`v.i.a.g.r.a`,
 * `c a s i n o`); a row of single Han characters is ordinary Chinese. BMP classes, so no `u` flag (faster).
 */
const alphabetic = 'a-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';
const spacedLetters = new RegExp(
  `(?<![${alphabetic}0-9])[${alphabetic}]([ ._\\-*])[${alphabetic}](?:\\1[${alphabetic}]){2,}(?![${alphabetic}0-9])`,
  'g',
);

/** The text with spaced-out words joined (`v i a g r a` → `viagra`), and how many were joined. */
export function joinSpacedLetters(text: string): { text: string; joined: number } {
  let joined = 0;
  const out = text.replace(spacedLetters, (run) => {
    joined += 1;
    return ' ' + run.replace(/[ ._\-*]/g, '') + ' ';
  });
  return { text: out, joined };
}

/** Scripts the features tell apart, by code point ranges (a regular expression per letter would cost too much); others are `other`. */
const scriptRanges: ReadonlyArray<readonly [number, number, string]> = [
  [0x41, 0x24f, 'latin'],
  [0x370, 0x3ff, 'greek'],
  [0x400, 0x52f, 'cyrillic'],
  [0x590, 0x5ff, 'hebrew'],
  [0x600, 0x6ff, 'arabic'],
  [0x750, 0x77f, 'arabic'],
  [0x900, 0x97f, 'devanagari'],
  [0xe00, 0xe7f, 'thai'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1e00, 0x1eff, 'latin'],
  [0x3040, 0x30ff, 'kana'],
  [0x3130, 0x318f, 'hangul'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xac00, 0xd7af, 'hangul'],
  [0xf900, 0xfaff, 'han'],
  [0xfb50, 0xfdff, 'arabic'],
  [0x20000, 0x3134f, 'han'],
];

/** The script of one letter, by name (`other` for scripts not listed). */
export function scriptOf(letter: string): string {
  const code = letter.codePointAt(0) ?? 0;
  for (const [from, to, name] of scriptRanges) if (code >= from && code <= to) return name;
  return 'other';
}

/** Scripts written without spaces between words: their features are character n-grams, not words. */
export const unspacedRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}ー]+/gu;
