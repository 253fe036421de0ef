import { sql } from 'kysely';
import { MATCH_END, MATCH_START, type ArticleSnippetRow, type FullText, type FullTextTerms } from '../full-text.js';

/**
 * The terms as an FTS5 query: every word and phrase a quoted string, so nothing a reader types is
 * read as an operator (`AND`, `NEAR`, `*`, `^`, a column filter). Words hold no quote characters
 * (see FullTextTerms); doubling any is the FTS5 escape all the same. Juxtaposed strings must all match.
 */
function matchExpression(terms: FullTextTerms): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  return [...terms.words.map(quote), ...terms.phrases.map((p) => quote(p.join(' ')))].join(' ');
}

/*
 * Column weights for bm25(), in the order the migration declares the FTS5 table's columns:
 * headline, dek, body, tags, section. SQLite's bm25 is lower for better matches, hence negated.
 */
const rank = sql`-bm25(article_search, 10.0, 4.0, 1.0, 3.0, 2.0)`;

/** How many tokens a body passage holds (FTS5 allows at most 64). */
const SNIPPET_TOKENS = 32;

/**
 * The FTS5 indexes and the tables they follow (external content, kept by triggers). Row by row,
 * each insert adds its terms to the index's pending segment, and segments are merged over and
 * over as they grow; one `rebuild` after a bulk load reads the table once and writes each term's
 * list once. For 98,517 imported replies: 6.3 s of inserts row by row against 2.8 s plus 0.5 s of
 * rebuild (`npm run bench:import-statements`, docs/benchmarks.md).
 */
const searchedTables = [
  { table: 'replies', index: 'reply_search' },
  { table: 'article_search_documents', index: 'article_search' },
] as const;

export const sqliteFullText: FullText = Object.freeze<FullText>({
  engine: 'fts5',
  // `limit -1` (no limit) keeps SQLite from flattening the subquery into the join: flattened, it
  // ran the match once per article row instead of once (380 ms instead of a few at 5,000 articles).
  articleHits: (terms) =>
    sql`(select rowid as article_id, ${rank} as rank from article_search where article_search match ${matchExpression(terms)} limit -1)`,
  async articleSnippets(db, terms, articleIds) {
    if (articleIds.length === 0) return [];
    const { rows } = await sql<ArticleSnippetRow>`
      select rowid as article_id,
        highlight(article_search, 0, ${MATCH_START}, ${MATCH_END}) as headline,
        highlight(article_search, 1, ${MATCH_START}, ${MATCH_END}) as dek,
        snippet(article_search, 2, ${MATCH_START}, ${MATCH_END}, '…', ${SNIPPET_TOKENS}) as body
      from article_search
      where article_search match ${matchExpression(terms)} and rowid in (${sql.join(articleIds)})`.execute(db);
    return rows;
  },
  replyMatches: (terms) => sql<boolean>`replies.id in (select rowid from reply_search where reply_search match ${matchExpression(terms)})`,
  async deferIndexingForBulkLoad(trx) {
    const setAside: { index: string; triggers: { name: string; sql: string }[] }[] = [];
    for (const { table, index } of searchedTables) {
      const { rows: held } = await sql`select 1 from ${sql.id(table)} limit 1`.execute(trx);
      if (held.length > 0) continue;
      // The triggers migration 040 made: on the table, named after the index.
      const { rows: onTable } = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master where type = 'trigger' and tbl_name = ${table} order by name`.execute(trx);
      const triggers = onTable.filter((t) => t.name.startsWith(`${index}_`));
      for (const trigger of triggers) await sql`drop trigger ${sql.id(trigger.name)}`.execute(trx);
      setAside.push({ index, triggers });
    }
    return async () => {
      for (const { index, triggers } of setAside) {
        for (const trigger of triggers) await sql.raw(trigger.sql).execute(trx);
        await sql`insert into ${sql.id(index)} (${sql.id(index)}) values ('rebuild')`.execute(trx);
      }
    };
  },
});
