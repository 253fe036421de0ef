import type { ArticleView } from '../../modules/articles/index.js';
import { ArticleSummary } from './article-summary.js';
import { Layout, type SiteChrome } from './layout.js';

/** The front page: the latest articles, the newest one leading. */
export function FrontPage(props: { chrome: SiteChrome; articles: ArticleView[] }) {
  const [lead, ...rest] = props.articles;
  return (
    <Layout
      chrome={props.chrome}
      head={{ title: props.chrome.siteTitle, canonicalPath: '/', description: `The latest from ${props.chrome.siteTitle}.` }}
    >
      <h1 class="visually-hidden">Latest news</h1>
      {lead ? (
        <div class="front">
          <ArticleSummary article={lead} lead />
          {rest.length > 0 && (
            <section aria-labelledby="more-heading" class="more-stories">
              <h2 id="more-heading" class="rule-heading">
                More stories
              </h2>
              {rest.map((a) => (
                <ArticleSummary article={a} />
              ))}
            </section>
          )}
        </div>
      ) : (
        <p class="empty">Nothing has been published yet.</p>
      )}
    </Layout>
  );
}
