import { textOfHtml } from './html-text.js';

/** An article as the search index stores it: plain text per field. */
export interface SearchDocument {
  headline: string;
  dek: string;
  body: string;
  /** Tag names, space-separated. */
  tags: string;
  section: string;
}

/** The private-use characters that mark matches in highlighted text (storage/full-text.ts): never stored. */
const matchMarkers = /[\uE000\uE001]/g;

/**
 * What the search index keeps of an article: its body's words without markup, every field without
 * the characters that mark matches in highlighted text, so a reader's text cannot fake a highlight.
 */
export function searchDocumentOf(article: {
  headline: string;
  dek: string;
  bodyHtml: string;
  tags: readonly string[];
  section: string;
}): SearchDocument {
  const clean = (text: string) => text.replace(matchMarkers, '');
  return {
    headline: clean(article.headline),
    dek: clean(article.dek),
    body: clean(textOfHtml(article.bodyHtml)),
    tags: clean(article.tags.join(' ')),
    section: clean(article.section),
  };
}
