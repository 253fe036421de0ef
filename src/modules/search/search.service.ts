import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import { hasTerms, parseSearchQuery } from './search-query.js';
import { markedHtml } from './search-marks.js';
import { rankedPublicArticles } from './search.queries.js';

/** One article found, ready for a results list or the API. */
export interface ArticleSearchHit {
  id: number;
  slug: string;
  /** The headline as plain text. */
  headline: string;
  /** Safe HTML: the headline, escaped, with matched words in `<mark>`. */
  headlineHtml: string;
  /** Safe HTML: the dek, escaped, with matched words in `<mark>`. */
  dekHtml: string;
  /** Safe HTML: a passage of the body around the best match, escaped, matches in `<mark>`. */
  snippetHtml: string;
  section: { slug: string; name: string };
  bylineName: string;
  publishedAt: Date;
}

/** A page of results. */
export interface ArticleSearchResults {
  /** The query as searched (cleaned and cut to length), to show back to the reader. */
  query: string;
  hits: ArticleSearchHit[];
  /** 1-based. */
  page: number;
  perPage: number;
  /** Whether a next page has results. */
  hasMore: boolean;
}

/** How a caller pages through results. */
export interface SearchPaging {
  /** 1-based; out of range is brought into range (1 to `MAX_SEARCH_PAGE`). */
  page?: number;
  /** 1 to `MAX_SEARCH_PER_PAGE`; default `DEFAULT_SEARCH_PER_PAGE`. */
  perPage?: number;
}

export const DEFAULT_SEARCH_PER_PAGE = 20;
export const MAX_SEARCH_PER_PAGE = 50;
/** Deepest page served: nobody reads results 2,000 deep, and a deep offset costs the database. */
export const MAX_SEARCH_PAGE = 100;

/** Full-text search over what readers may see. */
export interface SearchService {
  /**
   * The public articles matching any query a reader can type, best match first (a headline match
   * beats a body match; the newer first among equal matches). Never throws for a query: one
   * without words has no results.
   */
  articles(query: string, paging?: SearchPaging): Promise<ArticleSearchResults>;
}

/** What the search service needs. */
export interface SearchServiceDeps {
  db: Kysely<Database>;
  caps: Pick<Capabilities, 'fullText'>;
  clock: Clock;
}

function bounded(value: number | undefined, fallback: number, max: number): number {
  return value !== undefined && Number.isSafeInteger(value) ? Math.min(Math.max(value, 1), max) : fallback;
}

/** The search service over the database. */
export function createSearchService(deps: SearchServiceDeps): SearchService {
  const { db, caps, clock } = deps;
  return {
    async articles(raw, paging = {}) {
      const page = bounded(paging.page, 1, MAX_SEARCH_PAGE);
      const perPage = bounded(paging.perPage, DEFAULT_SEARCH_PER_PAGE, MAX_SEARCH_PER_PAGE);
      const query = parseSearchQuery(raw);
      const empty = { query: query.text, hits: [], page, perPage, hasMore: false };
      if (!hasTerms(query)) return empty;
      // One more than a page: whether there is a next page, without counting every match.
      const rows = await rankedPublicArticles(db, caps.fullText, query.terms, clock.now().toISOString(), {
        limit: perPage + 1,
        offset: (page - 1) * perPage,
      });
      const shown = rows.slice(0, perPage);
      const snippets = new Map(
        (
          await caps.fullText.articleSnippets(
            db,
            query.terms,
            shown.map((r) => r.id),
          )
        ).map((s) => [Number(s.article_id), s]),
      );
      return {
        ...empty,
        hasMore: rows.length > perPage,
        hits: shown.map((row) => {
          const marked = snippets.get(row.id);
          return {
            id: row.id,
            slug: row.slug,
            headline: row.headline,
            headlineHtml: marked ? markedHtml(marked.headline) : markedHtml(row.headline),
            dekHtml: marked ? markedHtml(marked.dek) : '',
            snippetHtml: marked ? markedHtml(marked.body) : '',
            section: { slug: row.section_slug, name: row.section_name },
            bylineName: row.byline_name,
            publishedAt: new Date(row.published_at),
          };
        }),
      };
    },
  };
}
