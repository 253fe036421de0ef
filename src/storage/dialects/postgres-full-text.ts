import { sql, type RawBuilder } from 'kysely';
import { MATCH_END, MATCH_START, type ArticleSnippetRow, type FullText, type FullTextTerms } from '../full-text.js';

/*
 * The text search configuration of every vector and query (migration 040 builds the indexes with
 * it): English stemming, as SQLite's FTS5 tables use the Porter stemmer, so both find "elections"
 * for "election".
 */

/**
 * The terms as a tsquery. `plainto_tsquery` and `phraseto_tsquery` read their text as words only
 * (no operators, never a syntax error), unlike `to_tsquery`; `websearch_to_tsquery` would read a
 * typed "or" as an operator, which FTS5 (quoted terms) does not.
 */
function tsquery(terms: FullTextTerms): RawBuilder<unknown> {
  const parts = [
    ...(terms.words.length > 0 ? [sql`plainto_tsquery('english'::regconfig, ${terms.words.join(' ')})`] : []),
    ...terms.phrases.map((p) => sql`phraseto_tsquery('english'::regconfig, ${p.join(' ')})`),
  ];
  return parts.length > 0 ? sql`(${sql.join(parts, sql` && `)})` : sql`''::tsquery`;
}

/** ts_headline's options: the markers, and for the body a passage of a few dozen words. */
const markers = `StartSel="${MATCH_START}", StopSel="${MATCH_END}"`;
const wholeField = `${markers}, HighlightAll=true`;
const passage = `${markers}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export const postgresFullText: FullText = Object.freeze<FullText>({
  engine: 'tsvector',
  // ts_rank's default weights make a headline (A) count ten times a body word (D); tags and
  // section (C) and the dek (B) lie between.
  // The tsquery is written out where it is used, not joined in as a one-row table: as a constant
  // expression the planner folds it and uses the GIN index (joined, it scanned every document).
  articleHits: (terms) =>
    sql`(select d.article_id, ts_rank(d.document, ${tsquery(terms)}) as rank
         from article_search_documents d
         where d.document @@ ${tsquery(terms)})`,
  async articleSnippets(db, terms, articleIds) {
    if (articleIds.length === 0) return [];
    const { rows } = await sql<ArticleSnippetRow>`
      select d.article_id,
        ts_headline('english'::regconfig, d.headline, q.query, ${wholeField}) as headline,
        ts_headline('english'::regconfig, d.dek, q.query, ${wholeField}) as dek,
        ts_headline('english'::regconfig, d.body, q.query, ${passage}) as body
      from article_search_documents d cross join (select ${tsquery(terms)} as query) q
      where d.article_id in (${sql.join(articleIds)})`.execute(db);
    return rows;
  },
  // The same expression as the GIN index migration 040 builds on replies, so the planner uses it.
  replyMatches: (terms) => sql<boolean>`to_tsvector('english'::regconfig, replies.body || ' ' || replies.author_name) @@ ${tsquery(terms)}`,
  // Its GIN indexes are plain indexes of their tables: the replies' one is set aside with the
  // replies' other indexes (Capabilities.plainIndexes); the articles' documents are few.
  deferIndexingForBulkLoad: async () => async () => {},
});
