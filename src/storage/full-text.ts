import type { Kysely, RawBuilder, SqlBool, Transaction } from 'kysely';

/**
 * A reader's query reduced to what both search engines understand alike: words that must all
 * occur, and phrases whose words must occur together. Each word holds only letters, marks and
 * digits (the search module's `parseSearchQuery` makes them), so neither engine sees an operator.
 */
export interface FullTextTerms {
  readonly words: readonly string[];
  readonly phrases: readonly (readonly string[])[];
}

/**
 * Where a highlighted match starts and ends in the text the engines hand back: private-use
 * characters no stored text keeps (the index strips them), so a view can escape the text and only
 * then turn these into `<mark>` elements.
 */
export const MATCH_START = '\uE000';
/** See `MATCH_START`. */
export const MATCH_END = '\uE001';

/** An article's fields as the engine highlights them for one query: matches between the markers. */
export interface ArticleSnippetRow {
  article_id: number;
  headline: string;
  dek: string;
  /** A passage of the body around the best match (or its start when the body does not match). */
  body: string;
}

/**
 * Full-text search, as each dialect does it (SQLite FTS5, PostgreSQL `tsvector` + GIN). The
 * indexes are built by migration 040; these builders put the dialect's own SQL into otherwise
 * portable queries of the search and moderation modules.
 */
export interface FullText {
  /** Which index the migration builds: FTS5 tables kept by triggers, or `tsvector` columns and GIN indexes. */
  readonly engine: 'fts5' | 'tsvector';
  /**
   * A derived table `(article_id, rank)` of the article documents matching `terms` (every
   * article, in any status: the caller decides what readers may see). A higher rank is a better
   * match; a headline match weighs more than a dek, tag or section match, and those more than the body.
   */
  articleHits(terms: FullTextTerms): RawBuilder<{ article_id: number; rank: number }>;
  /** The highlighted headline, dek and body passage of these articles for `terms`. */
  articleSnippets(db: Kysely<any> | Transaction<any>, terms: FullTextTerms, articleIds: readonly number[]): Promise<ArticleSnippetRow[]>;
  /** A condition on the `replies` table: the reply's text or its author's name matches `terms`. */
  replyMatches(terms: FullTextTerms): RawBuilder<SqlBool>;
  /**
   * For a bulk load inside `trx` (a site moving in): stops keeping the index of each searched
   * table that is still EMPTY row by row, and returns how to build those indexes once from the
   * loaded rows, inside the same transaction, before it commits. A table that already holds rows
   * keeps its upkeep (its index serves readers). An engine whose index a bulk load need not set
   * aside (PostgreSQL's GIN indexes are plain indexes, set aside with the others) returns at once.
   */
  deferIndexingForBulkLoad(trx: Transaction<any>): Promise<() => Promise<void>>;
}
