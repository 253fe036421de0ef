import { describe, expect, it } from 'vitest';
import {
  cleanReaderLine,
  cleanReaderText,
  foldAnyText,
  foldForComparison,
  isVisiblyEmpty,
  unstorableTextProblem,
  visibleControls,
} from '../../src/lib/reader-text.js';

describe('reader text', () => {
  it('names NUL and lone surrogates as unstorable, and nothing else', () => {
    expect(unstorableTextProblem('a\0b')).toMatch(/NUL/);
    expect(unstorableTextProblem('a\ud800b')).toMatch(/surrogate/);
    expect(unstorableTextProblem('b\udc00')).toMatch(/surrogate/);
    expect(unstorableTextProblem('emoji 😀 is a proper pair \ud83d\ude00')).toBeUndefined();
    expect(unstorableTextProblem('\x1b[31m tab\t')).toBeUndefined();
  });

  it('sees text made of blanks, zero-width, format and filler characters as empty', () => {
    for (const text of [
      '',
      ' \t\n',
      '\u200b\u200c\u200d\u2060\ufeff',
      '\u3164\u115f\u1160\uffa0',
      '\u2800',
      '\u00a0\u3000\u202f',
      '\u202e\u2066',
      '\ufe0f',
    ]) {
      expect(isVisiblyEmpty(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['a', '👍', '‍👍', '·', 'ـ', '한']) expect(isVisiblyEmpty(text), text).toBe(false);
  });

  it('cleans multi-line text: CRLF to LF, NFC, controls out, tabs and inner blank lines kept', () => {
    expect(cleanReaderText('  Line one\r\n\r\n\tLine\x1b[2J two\x07 cafe\u0301 \u009b  ')).toBe('Line one\n\n\tLine[2J two café');
    expect(cleanReaderText('\u200b \u3164')).toBe('');
  });

  it('cleans a one-line field: spaces collapsed, bidi controls and controls out, RTL and emoji kept', () => {
    expect(cleanReaderLine(' Ada\u202e\u2067  Lovelace\n\x1b ')).toBe('Ada Lovelace');
    expect(cleanReaderLine('محمد 👩‍👩‍👧 李')).toBe('محمد 👩‍👩‍👧 李');
  });

  it('folds for comparison: width, case, spacing and invisible characters set aside', () => {
    expect(foldForComparison('Ｈｅｌｌｏ,\u200b  WORLD\n')).toBe('hello, world');
    expect(foldForComparison('ﬁne')).toBe('fine');
    expect(foldForComparison('one')).not.toBe(foldForComparison('one two'));
  });

  it('folds plain ASCII by its shortcut to exactly what the full fold makes', () => {
    // Every printable ASCII character, and the white space the shortcut accepts, in runs and at the ends.
    const alphabet = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', '\r', '  ', '\r\n'];
    // A 32-bit linear congruential generator, read from its high bits: the same strings every run.
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
    const texts = ['', ' ', '\t\n', '  Two  Spaces\t\tand TABS \r\n', 'ALL CAPS, then lower.'];
    for (let n = 0; n < 2000; n++) texts.push(Array.from({ length: next() % 80 }, () => alphabet[next() % alphabet.length]).join(''));
    for (const text of texts) expect(foldForComparison(text), JSON.stringify(text)).toBe(foldAnyText(text));
    // Outside the shortcut (a vertical tab, a form feed, a non-ASCII letter), the full fold answers.
    expect(foldForComparison('A\vB\fC')).toBe('a b c');
    expect(foldForComparison('Ｏne')).toBe('one');
  });

  it('makes controls, bidi controls and line separators visible for a terminal', () => {
    expect(visibleControls('a\x1b]8;;http://x\x1b\\b\u202ec\u2028d\u0085')).toBe(
      'a\\u{1b}]8;;http://x\\u{1b}\\b\\u{202e}c\\u{2028}d\\u{85}',
    );
    expect(visibleControls('plain · 日本 👍')).toBe('plain · 日本 👍');
  });
});
