import type { ArticleKind, ArticleStatus } from './articles.js';
import { cleanTags } from './article-tags.js';

/** The statuses an editor form can ask for (trash has its own action). */
export type EditorStatus = 'draft' | 'published' | 'scheduled';

/** What the editor form sends: everything an author typed. */
export interface ArticleDraft {
  headline: string;
  dek: string;
  /** Empty: made from the headline. */
  slug: string;
  bodyMarkdown: string;
  section: string;
  tags: string[];
  status: EditorStatus;
  /** For `scheduled`: when it goes live. */
  publishAt: Date | null;
  repliesOpen: boolean;
  /** The featured image (media id), or null for none. */
  featuredMediaId: number | null;
  featuredAlt: string;
  /** A new standing page (About, Contact…) rather than a story; only read when creating. Default `article`. */
  kind?: ArticleKind;
}

/** An article as the editor shows it. */
export interface EditableArticle {
  id: number;
  headline: string;
  dek: string;
  slug: string;
  bodyMarkdown: string;
  section: string;
  tags: string[];
  status: ArticleStatus;
  publishedAt: Date | null;
  repliesOpen: boolean;
  authorId: number;
  authorName: string;
  featuredMediaId: number | null;
  featuredAlt: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A line of the newsroom's article list. */
export interface ArticleListLine {
  id: number;
  headline: string;
  slug: string;
  status: ArticleStatus;
  authorId: number;
  authorName: string;
  section: string;
  publishedAt: Date | null;
  updatedAt: Date;
}

/** One saved version of an article. */
export interface Revision {
  id: number;
  articleId: number;
  headline: string;
  dek: string;
  slug: string;
  bodyMarkdown: string;
  status: ArticleStatus;
  userName: string;
  createdAt: Date;
}

/** Who is saving (their byline for new articles; their name for the trail). */
export interface EditorActor {
  id: number;
  name: string;
  authorId: number;
}

/** Parses the tag field: comma-separated names, trimmed, without repeats (case-insensitive). */
export function parseTags(text: string): string[] {
  return cleanTags(text.split(','));
}
