import type { ArticleView } from '../../modules/articles/index.js';
import { urls } from '../urls.js';

/** One article in a list: section, headline link, dek, byline, date and reply count. */
export function ArticleSummary(props: { article: ArticleView; lead?: boolean }) {
  const a = props.article;
  const Heading = props.lead ? 'h2' : 'h3';
  return (
    <article class={props.lead ? 'summary summary-lead' : 'summary'}>
      <p class="kicker">
        <a href={urls.section(a.section.slug)}>{a.section.name}</a>
      </p>
      <Heading class="summary-headline">
        <a href={urls.article(a.slug)}>{a.headline}</a>
      </Heading>
      {a.dek && <p class="dek">{a.dek}</p>}
      <p class="meta">
        By <span class="byline">{a.bylineName}</span> · <time dateTime={a.publishedIso}>{a.publishedShort}</time> ·{' '}
        <a href={`${urls.article(a.slug)}#replies`}>{a.replyCountLabel}</a>
      </p>
    </article>
  );
}
