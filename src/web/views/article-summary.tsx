import type { ArticleView } from '../../modules/articles/index.js';
import { urls } from '../urls.js';
import { ResponsivePicture } from './featured-picture.js';

/**
 * A story's place in a list, largest first: the lead (a large picture, the largest headline, the
 * dek), a secondary (a thumbnail beside the text) and a compact line (headline and byline only).
 */
export type SummaryRank = 'lead' | 'secondary' | 'compact';

/**
 * How wide each rank's picture is drawn, for `sizes` (mirrors site.css: main is 72rem with 1rem
 * padding; from 64rem the top of a front is a 2fr/1fr grid with a 2.5rem gap, so the lead's
 * column is 45rem at most and about 62% of the window at 64rem; thumbnails are 7rem, 9rem on
 * a tablet where the secondaries run the full width).
 */
const pictureSizes: Record<Exclude<SummaryRank, 'compact'>, string> = {
  lead: '(min-width: 72rem) 45rem, (min-width: 64rem) 62vw, calc(100vw - 2rem)',
  secondary: '(min-width: 64rem) 7rem, (min-width: 40rem) 9rem, 7rem',
};

/** A story in a list: section, headline link, dek, byline, date, reply count, and its picture by rank. */
export function ArticleSummary(props: { article: ArticleView; rank?: SummaryRank; headingLevel?: 'h2' | 'h3'; firstScreen?: boolean }) {
  const a = props.article;
  const rank = props.rank ?? 'secondary';
  const Heading = props.headingLevel ?? 'h3';
  const picture = rank === 'compact' ? undefined : a.featuredImage || a.keptImage;
  const classes = ['summary', `summary-${rank}`, picture ? 'has-picture' : 'no-picture'].join(' ');
  return (
    <article class={classes}>
      <div class="summary-text">
        <p class="kicker">
          <a href={urls.section(a.section.slug)}>{a.section.name}</a>
        </p>
        <Heading class="summary-headline">
          <a href={urls.article(a.slug)}>{a.headline}</a>
        </Heading>
        {a.dek && rank !== 'compact' && <p class="dek">{a.dek}</p>}
        <p class="meta">
          By <span class="byline">{a.bylineName}</span> · <time dateTime={a.publishedIso}>{a.publishedShort}</time>
          {rank !== 'compact' && (
            <>
              {' '}
              · <a href={`${urls.article(a.slug)}#replies`}>{a.replyCountLabel}</a>
            </>
          )}
        </p>
      </div>
      {picture && (
        <div class="summary-picture">
          {a.featuredImage ? (
            <ResponsivePicture
              image={a.featuredImage}
              sizes={pictureSizes[rank === 'lead' ? 'lead' : 'secondary']}
              loading={props.firstScreen ? 'first-screen' : 'lazy'}
            />
          ) : (
            // An imported picture of unknown size: the stylesheet gives its box a fixed ratio, so nothing shifts.
            <img src={a.keptImage!.path} alt={a.keptImage!.alt} loading={props.firstScreen ? 'eager' : 'lazy'} decoding="async" />
          )}
        </div>
      )}
    </article>
  );
}
