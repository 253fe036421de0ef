import type { ArticleView } from '../../modules/articles/index.js';
import { ArticleSummary } from './article-summary.js';

/** How many stories follow the lead with a thumbnail before the rest become a compact list. */
const SECONDARIES = 4;

/**
 * Stories as a newspaper front ranks them, in the order given (newest, or sticky, first): the
 * lead large with its picture, up to four secondaries with thumbnails beside it, then a compact
 * list. The front page, section fronts, tag and author pages all use it.
 */
export function StoryHierarchy(props: { articles: ArticleView[]; moreHeading: string }) {
  const [lead, ...rest] = props.articles;
  if (!lead) return null;
  const secondaries = rest.slice(0, SECONDARIES);
  const more = rest.slice(SECONDARIES);
  return (
    <div class="front">
      <div class={secondaries.length > 0 ? 'front-top' : 'front-top front-top-alone'}>
        <ArticleSummary article={lead} rank="lead" headingLevel="h2" firstScreen />
        {secondaries.length > 0 && (
          <section class="front-rail" aria-labelledby="top-stories-heading">
            <h2 id="top-stories-heading" class="visually-hidden">
              Top stories
            </h2>
            {secondaries.map((a) => (
              <ArticleSummary article={a} rank="secondary" />
            ))}
          </section>
        )}
      </div>
      {more.length > 0 && (
        <section aria-labelledby="more-heading" class="more-stories">
          <h2 id="more-heading" class="rule-heading">
            {props.moreHeading}
          </h2>
          <div class="compact-list">
            {more.map((a) => (
              <ArticleSummary article={a} rank="compact" />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
