import type { ArticleView } from '../../modules/articles/index.js';
import { ArticleSummary } from './article-summary.js';
import { Layout, type SiteChrome } from './layout.js';

/** A section's, a tag's or an author's page: its name and its articles, newest first. */
export function ListingPage(props: {
  chrome: SiteChrome;
  kind: 'Section' | 'Tag' | 'Author';
  name: string;
  path: string;
  sectionSlug?: string;
  articles: ArticleView[];
}) {
  return (
    <Layout
      chrome={props.chrome}
      currentSection={props.sectionSlug}
      head={{ title: props.name, canonicalPath: props.path, description: `${props.kind}: ${props.name}` }}
    >
      <header class="listing-header">
        <p class="kicker">{props.kind}</p>
        <h1>{props.name}</h1>
      </header>
      {props.articles.length > 0 ? props.articles.map((a) => <ArticleSummary article={a} />) : <p class="empty">No articles here yet.</p>}
    </Layout>
  );
}
