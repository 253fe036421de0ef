import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ArticleKind, ArticleStatus } from './articles.js';

/*
 * The articles module's tables, as Kysely sees them (storage/schema.ts composes them into the
 * Database). Stored as storage/schema.ts says: timestamps as ISO-8601 UTC text, booleans as 0/1.
 */

/** A person credited in bylines (a newsroom member writes under one). */
export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  display_name: string;
  bio: string;
  created_at: string;
}

/** A section of the paper. */
export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  position: number;
}

/** An article, in every status. */
export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  dek: string;
  body_markdown: string;
  body_html: string;
  author_id: number;
  section_id: number;
  status: ArticleStatus;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  replies_open: number;
  featured_media_id: number | null;
  featured_alt: Generated<string>;
  /** A story (listed and fed) or a standing page (About, Contact: answered at its address, never listed). */
  kind: ColumnType<ArticleKind, ArticleKind | undefined, ArticleKind>;
  /** 1: kept at the top of the front page. */
  sticky: Generated<number>;
  /** A featured image kept at its original address by an import ('' for none); an uploaded one is `featured_media_id`. */
  featured_image_url: Generated<string>;
}

/** A tag articles can carry. */
export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

/** Which tags an article carries. */
export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  /** Where the tag stands in the article's list, as typed (0 for tags saved before order was kept). */
  position: ColumnType<number, number | undefined, number>;
}

/** A saved version of an article, one per editor save. */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  headline: string;
  dek: string;
  slug: string;
  body_markdown: string;
  status: ArticleStatus;
  user_id: number | null;
  user_name: string;
  created_at: string;
}

/** An article row as read. */
export type ArticleRow = Selectable<ArticlesTable>;
/** An article row to insert. */
export type NewArticleRow = Insertable<ArticlesTable>;
/** Columns of an article row to change. */
export type ArticleUpdate = Updateable<ArticlesTable>;
/** An author row as read. */
export type AuthorRow = Selectable<AuthorsTable>;
/** A section row as read. */
export type SectionRow = Selectable<SectionsTable>;
/** A tag row as read. */
export type TagRow = Selectable<TagsTable>;
