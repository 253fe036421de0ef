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
}

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "No replies", "1 reply", "12 replies". */
export function replyCountLabel(n: number): string {
  return n === 0 ? 'No replies yet' : n === 1 ? '1 reply' : `${n.toLocaleString('en-US')} replies`;
}

/** Article → view model. */
export function presentArticle(article: Article): ArticleView {
  const published = article.publishedAt ?? article.updatedAt;
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
  };
}
