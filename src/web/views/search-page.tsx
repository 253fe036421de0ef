import type { ArticleSearchResults } from '../../modules/search/index.js';
import { urls } from '../urls.js';
import { Layout, type SiteChrome } from './layout.js';

/** Formatters per time zone, made once each. */
const shortDates = new Map<string, Intl.DateTimeFormat>();
function shortDate(date: Date, timeZone: string): string {
  let format = shortDates.get(timeZone);
  if (!format) shortDates.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone })));
  return format.format(date);
}

/**
 * The search page: a plain GET form (no script needed), then the results with their matches
 * marked, and links to the pages before and after. Highlighted fields arrive from the search
 * module as safe HTML (escaped first, `<mark>` added after), the only markup they hold.
 */
export function SearchPage(props: { chrome: SiteChrome; results?: ArticleSearchResults }) {
  const { chrome, results } = props;
  const query = results?.query ?? '';
  return (
    <Layout
      chrome={chrome}
      head={{
        title: query ? `Search: ${query}` : 'Search',
        canonicalPath: urls.search(),
        // Result pages are endless and change with every story: not for search engines' indexes.
        namedMeta: { robots: 'noindex' },
      }}
    >
      <header class="listing-header">
        <h1>Search</h1>
      </header>
      <form class="search-form" role="search" method="get" action={urls.search()}>
        <label for="search-query">Search headlines, stories, tags and sections</label>
        <input type="search" id="search-query" name="q" value={query} maxLength={200} />
        <button type="submit">Search</button>
      </form>
      {results && query !== '' && <Results results={results} timeZone={chrome.timeZone} />}
    </Layout>
  );
}

function Results(props: { results: ArticleSearchResults; timeZone: string }) {
  const { results, timeZone } = props;
  if (results.hits.length === 0)
    return (
      <p class="empty" role="status">
        {results.page > 1 ? `No more results for “${results.query}”.` : `No results for “${results.query}”.`}
      </p>
    );
  return (
    <section aria-label="Results">
      <ol class="search-results" start={(results.page - 1) * results.perPage + 1}>
        {results.hits.map((hit) => (
          <li class="search-result">
            <p class="kicker">
              <a href={urls.section(hit.section.slug)}>{hit.section.name}</a>
            </p>
            <h2>
              <a href={urls.article(hit.slug)} dangerouslySetInnerHTML={{ __html: hit.headlineHtml }} />
            </h2>
            {hit.dekHtml && <p class="dek" dangerouslySetInnerHTML={{ __html: hit.dekHtml }} />}
            {hit.snippetHtml && <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />}
            <p class="meta">
              {hit.bylineName} · <time dateTime={hit.publishedAt.toISOString()}>{shortDate(hit.publishedAt, timeZone)}</time>
            </p>
          </li>
        ))}
      </ol>
      <nav class="search-pages" aria-label="Result pages">
        {results.page > 1 && (
          <a href={urls.search(results.query, results.page - 1)} rel="prev">
            Previous results
          </a>
        )}
        {results.hasMore && (
          <a href={urls.search(results.query, results.page + 1)} rel="next">
            More results
          </a>
        )}
      </nav>
    </section>
  );
}
