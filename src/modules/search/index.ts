export {
  createSearchService,
  DEFAULT_SEARCH_PER_PAGE,
  MAX_SEARCH_PAGE,
  MAX_SEARCH_PER_PAGE,
  type ArticleSearchHit,
  type ArticleSearchResults,
  type SearchPaging,
  type SearchService,
  type SearchServiceDeps,
} from './search.service.js';
export { indexArticleForSearch } from './article-search-index.js';
export { hasTerms, MAX_QUERY_CHARACTERS, MAX_QUERY_TERMS, parseSearchQuery, type SearchQuery } from './search-query.js';
export { markedHtml } from './search-marks.js';
