/*
 * The search module's table, as Kysely sees it (storage/schema.ts composes it into the Database).
 * The engine's own index (SQLite's FTS5 tables, PostgreSQL's `document` column) is reached only
 * through the dialect's `fullText` builders, so it is not listed here.
 */

/** What the search index keeps of one article: plain text per field (lib/search-document.ts). */
export interface ArticleSearchDocumentsTable {
  article_id: number;
  headline: string;
  dek: string;
  body: string;
  /** Tag names, space-separated. */
  tags: string;
  section: string;
}
