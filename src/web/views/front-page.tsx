import type { ArticleView } from '../../modules/articles/index.js';
import { Layout, type SiteChrome } from './layout.js';
import { openGraphImage, socialImage, twitterCard } from './social-meta.js';
import { StoryHierarchy } from './story-hierarchy.js';

/** The front page: the latest articles ranked as a newspaper's front (story-hierarchy.tsx). */
export function FrontPage(props: { chrome: SiteChrome; articles: ArticleView[] }) {
  const { chrome } = props;
  const description = chrome.description || `The latest from ${chrome.siteTitle}.`;
  // A link to the front page previews with the lead story's picture, as a newspaper's does.
  const picture = props.articles[0] && socialImage(chrome.siteUrl, props.articles[0]);
  return (
    <Layout
      chrome={chrome}
      head={{
        title: chrome.siteTitle,
        canonicalPath: '/',
        description,
        openGraph: {
          'og:type': 'website',
          'og:title': chrome.siteTitle,
          'og:description': description,
          'og:url': chrome.siteUrl + '/',
          'og:site_name': chrome.siteTitle,
          ...openGraphImage(picture),
        },
        namedMeta: twitterCard(picture, chrome.siteTitle, description),
      }}
    >
      <h1 class="visually-hidden">Latest news</h1>
      {props.articles.length > 0 ? (
        <StoryHierarchy articles={props.articles} moreHeading="More stories" />
      ) : (
        <p class="empty">Nothing has been published yet.</p>
      )}
    </Layout>
  );
}
