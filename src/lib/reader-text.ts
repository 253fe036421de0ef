import { hash } from 'node:crypto';

/*
 * Text typed by a stranger, made safe to store and to show: one place that decides what a
 * character means, used by the reply form, the JSON API, the desk and the newsroom's forms.
 */

/** Characters no field can hold: NUL (PostgreSQL's text cannot store it) and a lone UTF-16 surrogate (not a character at all). */
const unstorable = /\0|\p{Cs}/u;

/**
 * Why `text` cannot be stored as it is, as a sentence for the person who sent it; undefined when
 * it can. These are refused, not cleaned away: they never come from a keyboard, so they mean a
 * broken client or a probe, and silently changing the text would hide that.
 */
export function unstorableTextProblem(text: string): string | undefined {
  const found = unstorable.exec(text);
  if (!found) return undefined;
  return found[0] === '\0'
    ? 'contains a NUL character (U+0000), which cannot be stored. Please remove it.'
    : 'contains a broken character (half of a UTF-16 surrogate pair), which cannot be stored. Please type it again.';
}

/** Control characters other than tab and line feed: C0, DEL and C1. They draw nothing and steer terminals. */
const controls = /[\0-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Characters that draw nothing: white space, format characters (zero-width space and joiners, bidi
 * marks, the byte-order mark), controls, and the "blank" letters and symbols sometimes used to
 * fake an empty name (Hangul fillers, the Braille blank, variation selectors on their own).
 */
const invisibleClass = String.raw`[\s\p{Cc}\p{Cf}\p{Z}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]`;
/** A text made of nothing but invisible characters (or nothing at all). */
const onlyInvisible = new RegExp(`^${invisibleClass}*$`, 'u');
/** Every invisible character but the plain space: what `foldForComparison` drops once white space is one space. */
const invisibleButSpace = new RegExp(`(?! )${invisibleClass}`, 'gu');

/** Bidi embeddings, overrides and isolates: in a name they would reorder the text around it on the page. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

/** Whether the text shows nothing at all (only white space, zero-width or format characters). */
export function isVisiblyEmpty(text: string): boolean {
  // A test, not a copy of the text with the invisible removed: every reply's text passes here.
  return onlyInvisible.test(text);
}

/**
 * A reader's multi-line text, cleaned: line ends made `\n`, composed to NFC (so the same words
 * typed on two systems are the same bytes), controls other than tab and newline removed, ends
 * trimmed; '' when nothing visible remains. Call `unstorableTextProblem` first.
 */
export function cleanReaderText(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').normalize('NFC').replace(controls, '').trim();
  return isVisiblyEmpty(text) ? '' : text;
}

/**
 * A one-line field (a name, a title): as `cleanReaderText`, with every run of white space made
 * one space and bidi controls removed (RTL letters stay; they order themselves).
 */
export function cleanReaderLine(raw: string): string {
  const text = raw.normalize('NFC').replace(bidiControls, '').replace(controls, ' ').replace(/\s+/g, ' ').trim();
  return isVisiblyEmpty(text) ? '' : text;
}

/**
 * A fingerprint for "is this the same text?": compatibility-composed (NFKC: full-width letters,
 * ligatures), case-folded, invisible characters dropped and white space collapsed. For
 * comparison only; never shown or stored as the text.
 */
export function foldForComparison(text: string): string {
  // Most replies are printable ASCII and white space: NFKC leaves those alone and nothing in them
  // is invisible but white space, so lower case and one space per run is the whole fold, without
  // the Unicode passes (every reply posted or imported is folded).
  if (printableAscii.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim();
  return foldAnyText(text);
}

/** Printable ASCII, tab and line ends only. */
const printableAscii = /^[\x20-\x7e\t\n\r]*$/;

/** `foldForComparison` for any text, the way every character is folded; exported for the test that holds the shortcut to it. */
export function foldAnyText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      // Every white-space run is one plain space by now; the other invisible characters go. (A class
      // without the space, not a callback per match: the same text, without a call for every space.)
      .replace(invisibleButSpace, '')
      .replace(/ +/g, ' ')
      .trim()
  );
}

/**
 * Text for a terminal: every control character, bidi control and line or paragraph separator
 * shown as a visible `\u{…}` escape instead of being interpreted, so a reader's text cannot move
 * the cursor, change colours, set the window title, plant an OSC 8 link or reorder the line.
 */
export function visibleControls(text: string): string {
  return text.replace(
    /[\0-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`,
  );
}

/** A short stable digest of `foldForComparison(text)`: stored beside a reply so copies are found by one indexed lookup. */
export function textFingerprint(text: string): string {
  // One-shot `hash`: the same digest as a Hash object's, made once per reply without one.
  return hash('sha256', foldForComparison(text), 'base64url').slice(0, 32);
}

/**
 * `JSON.stringify`, with the characters it leaves raw but a terminal or a JavaScript parser may
 * act on written as `\uXXXX` escapes: DEL and the C1 controls (U+009B is a one-byte CSI to some
 * terminals), bidi controls, and U+2028/U+2029 (line breaks inside string literals to pre-ES2019
 * JavaScript). The value read back is identical; JSON allows any character to be escaped.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
