/*
 * Text folding for the spam features: what a spammer changes to slip past a word list (look-alike
 * letters, digits for letters, invisible characters, spaced-out letters) is folded back here, so
 * `v1agra`, `ｖｉａｇｒａ` and `v.i.a.g.r.a` all reach the same word feature.
 */

/*
 * The expressions below are written with code-unit ranges, not `u` and `\p{…}`: Unicode property
 * classes cost V8 several times more per character, and these run over every reply.
 */

/** Lone UTF-16 surrogates: not characters; replaced so no later step (normalize, regex) sees one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Characters that draw nothing: soft hyphen, zero-width space and joiners, bidi marks and controls,
 * word joiners, Hangul fillers, the byte-order mark, and the astral "tag" characters.
 */
const invisible =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f]/g;

/** Three or more combining diacritics in a row: "zalgo" stacking, never written by a keyboard (Indic vowel signs are left alone). */
const stackedMarks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{3,}/g;

/**
 * The reply text ready for tokenising: well-formed, NFKC (full-width and mathematical letters become
 * plain ones), lower case, invisible characters removed. `zalgo` says whether stacked marks were removed.
 */
export function foldText(raw: string): { text: string; invisible: boolean; zalgo: boolean } {
  // Plain ASCII (most replies) has nothing to normalise: skip the costly passes.
  if (/^[\x20-\x7e\n\t]*$/.test(raw)) return { text: raw.toLowerCase(), invisible: false, zalgo: false };
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

/** Runs of scripts written without spaces (Han, kana, Thai; astral Han as surrogate pairs): their features are character n-grams. */
export const unspacedRun =
  /(?:[\u0e00-\u0e7f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff])+/g;
