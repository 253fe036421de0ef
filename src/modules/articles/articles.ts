/** Where an article is in its life: being written, waiting for its time, public, or thrown away. */
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'trash';

/**
 * The statuses a reader may see, once `published_at` has come: a scheduled article is public from
 * its time on, whether or not the scheduler has yet flipped it to `published`.
 */
export const publicArticleStatuses: readonly ArticleStatus[] = ['published', 'scheduled'];

/**
 * A story of the paper, a standing page (About, Contact) that is answered at its address but never
 * listed or fed, or a page on another site whose replies Gazette keeps (`external`, issue 15): it
 * has no address here at all, only its thread.
 */
export type ArticleKind = 'article' | 'page' | 'external';

/** A person credited in a byline. */
export interface Byline {
  slug: string;
  name: string;
}

/** A section of the paper (World, Politics...). */
export interface Section {
  slug: string;
  name: string;
}

/** A tag an article carries. */
export interface Tag {
  slug: string;
  name: string;
}

/** An article as the rest of Gazette sees it. */
export interface Article {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  bodyHtml: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  repliesOpen: boolean;
  author: Byline;
  section: Section;
  tags: Tag[];
  /** Approved replies. */
  replyCount: number;
  /** The featured image, in the sizes made at upload, when the article has one. */
  featuredImage?: FeaturedImage;
  /** A featured image kept by address by an import ('' for none); see `ownImagePath` for when it is shown. */
  featuredImageUrl: string;
  /** Its description for readers (the same one an uploaded image uses). */
  featuredAlt: string;
  /** A story or a standing page. */
  kind: ArticleKind;
  /** Kept at the top of the front page. */
  sticky: boolean;
}

/** An article's featured image: its stored sizes and the description readers hear. */
export interface FeaturedImage {
  key: string;
  width: number;
  height: number;
  alt: string;
  variants: { file: string; width: number; format: 'webp' | 'jpeg' }[];
}

/**
 * An article as it stood elsewhere, for the writer's import mode (importers, the demo seed, test
 * factories): its original dates, address and status are kept, not decided here.
 */
export interface ArticleInput {
  headline: string;
  dek?: string;
  bodyMarkdown: string;
  /** The original address, kept exactly (a Conflict when another article has it); absent: made from the headline. */
  slug?: string;
  /** A byline by name (made when missing), or an existing byline by id (a member's `authorId`). */
  author: { name: string; bio?: string } | { authorId: number };
  /** By name, made when missing. */
  section: string;
  /** The section's address when it is not the one made from its name (an export keeps it exactly). */
  sectionSlug?: string;
  /** By name, made when missing; or with the tag's own address, when it is not the one made from its name. */
  tags?: (string | Tag)[];
  /** Any status, trash included. */
  status: ArticleStatus;
  /** When it went (or goes) live: default now for a published article; required when scheduled. */
  publishedAt?: Date | null;
  /** Default: now. */
  createdAt?: Date;
  /** Default: `createdAt`. */
  updatedAt?: Date;
  /** Default: open. */
  repliesOpen?: boolean;
  /** Default: a story ('article'). */
  kind?: ArticleKind;
  /** Kept at the top of the front page. */
  sticky?: boolean;
  /** A featured image kept at its original address (nothing is downloaded). */
  featuredImageUrl?: string;
  /** What the featured image shows, for readers who do not see it. */
  featuredAlt?: string;
  /**
   * The article's saved versions as they stood elsewhere (a Gazette export), oldest first: kept
   * instead of the one revision the write would record, replacing any the article had.
   */
  revisions?: ImportedRevision[];
  /** The article this import replaces (a second run of the same import): updated in place, keeping its id. */
  replaces?: number;
}

/** A saved version of an article, as an import brings it. */
export interface ImportedRevision {
  headline: string;
  dek: string;
  slug: string;
  bodyMarkdown: string;
  status: ArticleStatus;
  /** The member who saved it here (already imported), or null. */
  userId: number | null;
  /** Who saved it, as the trail names them. */
  userName: string;
  createdAt: Date;
}

/** Who writes an article: a member, or the system (`id` null: the seed, the scheduler, an importer) by a name for the trail. */
export interface WriterActor {
  id: number | null;
  name: string;
}

/**
 * Whether readers can see the article at `now`: published or scheduled, and its publication time
 * has come (a scheduled article is live on time even before the scheduler marks it published).
 */
export function isPublic(article: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean {
  return (
    (article.status === 'published' || article.status === 'scheduled') &&
    article.publishedAt !== null &&
    article.publishedAt.getTime() <= now.getTime()
  );
}

/**
 * Whether new replies are accepted at `now`: the article is public, its replies are open, and it is
 * not older than the site's closing window (`closeAfterDays`, 0 = never).
 */
export function acceptsReplies(
  article: Pick<Article, 'status' | 'publishedAt' | 'repliesOpen'>,
  now: Date,
  closeAfterDays: number,
): boolean {
  if (!isPublic(article, now) || !article.repliesOpen) return false;
  if (closeAfterDays <= 0) return true;
  return now.getTime() - article.publishedAt!.getTime() <= closeAfterDays * 86_400_000;
}
