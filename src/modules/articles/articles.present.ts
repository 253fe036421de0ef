import type { Article, FeaturedImage } from './articles.js';

/** An article ready for a view. */
export interface ArticleView {
  slug: string;
  headline: string;
  dek: string;
  bodyHtml: string;
  bylineName: string;
  bylineSlug: string;
  publishedIso: string;
  publishedLabel: string;
  /** Shorter date for lists. */
  publishedShort: string;
  updatedIso: string;
  section: { slug: string; name: string };
  tags: { slug: string; name: string }[];
  replyCount: number;
  replyCountLabel: string;
  repliesOpen: boolean;
  featuredImage?: FeaturedImage;
  /** An imported featured image on this site (`/wp-content/uploads/…`), when there is no uploaded one. */
  keptImage?: { path: string; alt: string };
}

/** Formatters per time zone, made once each: building an Intl formatter costs more than using one. */
const dateFormats = new Map<string, { long: Intl.DateTimeFormat; short: Intl.DateTimeFormat }>();

function datesIn(timeZone: string) {
  let formats = dateFormats.get(timeZone);
  if (!formats) {
    formats = {
      long: new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone }),
      short: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }),
    };
    dateFormats.set(timeZone, formats);
  }
  return formats;
}

/** "No replies", "1 reply", "12 replies". */
export function replyCountLabel(n: number): string {
  return n === 0 ? 'No replies yet' : n === 1 ? '1 reply' : `${n.toLocaleString('en-US')} replies`;
}

/**
 * The path of a kept image address when it points at this site, else undefined. Only a
 * root-relative path is shown: the Content-Security-Policy allows our own images only, and a page
 * loads nothing from a third party. `//host/…` and `/\host/…` are other hosts to a browser.
 */
export function ownImagePath(url: string): string | undefined {
  return /^\/(?![/\\])[^\\\s]*$/.test(url) && !/[\u0000-\u001f\u007f]/.test(url) ? url : undefined;
}

/** Article → view model, its dates shown in the site's time zone (an IANA name the site settings checked). */
export function presentArticle(article: Article, timeZone = 'UTC'): ArticleView {
  const published = article.publishedAt ?? article.updatedAt;
  const dates = datesIn(timeZone);
  const keptPath = ownImagePath(article.featuredImageUrl);
  return {
    slug: article.slug,
    headline: article.headline,
    dek: article.dek,
    bodyHtml: article.bodyHtml,
    bylineName: article.author.name,
    bylineSlug: article.author.slug,
    publishedIso: published.toISOString(),
    publishedLabel: dates.long.format(published),
    publishedShort: dates.short.format(published),
    updatedIso: article.updatedAt.toISOString(),
    section: article.section,
    tags: article.tags,
    replyCount: article.replyCount,
    replyCountLabel: replyCountLabel(article.replyCount),
    repliesOpen: article.repliesOpen,
    ...(article.featuredImage ? { featuredImage: article.featuredImage } : {}),
    ...(keptPath && !article.featuredImage ? { keptImage: { path: keptPath, alt: article.featuredAlt } } : {}),
  };
}
