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

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

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

/** Article → view model. */
export function presentArticle(article: Article): ArticleView {
  const published = article.publishedAt ?? article.updatedAt;
  const keptPath = ownImagePath(article.featuredImageUrl);
  return {
    slug: article.slug,
    headline: article.headline,
    dek: article.dek,
    bodyHtml: article.bodyHtml,
    bylineName: article.author.name,
    bylineSlug: article.author.slug,
    publishedIso: published.toISOString(),
    publishedLabel: longDate.format(published),
    publishedShort: shortDate.format(published),
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
