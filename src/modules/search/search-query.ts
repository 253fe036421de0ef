import type { FullTextTerms } from '../../storage/full-text.js';

/** A reader's query as searched: the text kept for the page, and the terms the engines get. */
export interface SearchQuery {
  /** The query as shown back to the reader (cleaned, cut to a sane length). */
  text: string;
  terms: FullTextTerms;
}

/** Longest query kept, in characters: longer ones are junk or an attack, and a headline is shorter. */
export const MAX_QUERY_CHARACTERS = 200;
/** Most words and phrases searched; more add nothing to a news search but work. */
export const MAX_QUERY_TERMS = 12;

/** A word: letters, marks and digits, starting with a letter or digit (so a stray accent is no word). */
const wordPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Characters that cannot be searched or shown: controls (NUL included), the highlight markers, lone surrogates. */
const unusable = /[\u0000-\u001f\u007f\uE000\uE001]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Reads any string a reader can send as a search: quotes, operators, `*`, emoji, SQL, kilobytes of
 * junk, lone surrogates (what invalid UTF-8 decodes to). Words are kept, case-folded; text between
 * double quotes is a phrase; everything else separates words. Nothing here can fail, and nothing
 * it returns is an operator to either engine. No terms at all means no results, not an error.
 */
export function parseSearchQuery(raw: string): SearchQuery {
  const wellFormed = raw.replace(unusable, ' ');
  const text = Array.from(wellFormed).slice(0, MAX_QUERY_CHARACTERS).join('').replace(/\s+/g, ' ').trim();
  const wordsOf = (s: string) => (s.toLowerCase().match(wordPattern) ?? []).map((w) => w.normalize('NFC'));
  const phrases: string[][] = [];
  const words: string[] = [];
  const outsideQuotes = text.replace(/"([^"]*)"/g, (_, quoted: string) => {
    const phrase = wordsOf(quoted);
    if (phrase.length === 1) words.push(phrase[0]!);
    else if (phrase.length > 1) phrases.push(phrase);
    return ' ';
  });
  words.push(...wordsOf(outsideQuotes));
  const uniqueWords = [...new Set(words)];
  const phraseBudget = Math.max(0, MAX_QUERY_TERMS - uniqueWords.length);
  return {
    text,
    terms: {
      words: uniqueWords.slice(0, MAX_QUERY_TERMS),
      phrases: phrases.slice(0, phraseBudget).map((p) => p.slice(0, MAX_QUERY_TERMS)),
    },
  };
}

/** Whether a parsed query has anything to search for. */
export function hasTerms(query: SearchQuery): boolean {
  return query.terms.words.length > 0 || query.terms.phrases.length > 0;
}
