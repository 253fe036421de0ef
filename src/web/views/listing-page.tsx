import type { ArticleView } from '../../modules/articles/index.js';
import { Layout, type SiteChrome } from './layout.js';
import { StoryHierarchy } from './story-hierarchy.js';

/** A section's, a tag's or an author's page: its name, then its articles ranked as on the front page. */
export function ListingPage(props: {
  chrome: SiteChrome;
  kind: 'Section' | 'Tag' | 'Author';
  name: string;
  path: string;
  sectionSlug?: string;
  articles: ArticleView[];
  /** The listing's own feeds (a section's, a tag's), linked in the head and under the heading. */
  feeds?: { title: string; href: string; type: string }[];
}) {
  return (
    <Layout
      chrome={props.chrome}
      currentSection={props.sectionSlug}
      head={{
        title: props.name,
        canonicalPath: props.path,
        description: `${props.kind}: ${props.name}`,
        ...(props.feeds ? { feeds: props.feeds.map((f) => ({ ...f, title: `${props.name} (${f.title})` })) } : {}),
      }}
    >
      <header class="listing-header">
        <p class="kicker">{props.kind}</p>
        <h1>{props.name}</h1>
        {props.feeds && (
          <p class="listing-feeds">
            Follow {props.name}:{' '}
            {props.feeds.map((f, i) => (
              <>
                {i > 0 && ' · '}
                <a href={f.href} type={f.type}>
                  {f.title}
                </a>
              </>
            ))}
          </p>
        )}
      </header>
      {props.articles.length > 0 ? (
        <StoryHierarchy articles={props.articles} moreHeading={`More in ${props.name}`} />
      ) : (
        <p class="empty">No articles here yet.</p>
      )}
    </Layout>
  );
}
