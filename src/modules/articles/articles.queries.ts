import type { Executor } from '../../storage/db.js';
import { publicArticleStatuses, type ArticleKind, type ArticleStatus } from './articles.js';

/** An article row joined with its byline and section, plus its approved reply count. */
export interface ArticleListRow {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  body_html: string;
  status: ArticleStatus;
  published_at: string | null;
  updated_at: string;
  replies_open: number;
  author_slug: string;
  author_name: string;
  section_slug: string;
  section_name: string;
  reply_count: number | string | bigint;
  featured_alt: string;
  media_key: string | null;
  media_width: number | null;
  media_height: number | null;
  media_variants: string | null;
  featured_image_url: string;
  kind: ArticleKind;
  sticky: number;
}

/** See `publicArticleStatuses`: a scheduled article goes live on time even if every node was busy at that instant. */
const publicStatuses = [...publicArticleStatuses];

function articleSelect(db: Executor) {
  return db
    .selectFrom('articles')
    .innerJoin('authors', 'authors.id', 'articles.author_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .select((eb) => [
      'articles.featured_alt',
      'articles.featured_image_url',
      'articles.kind',
      'articles.sticky',
      'media.key as media_key',
      'media.width as media_width',
      'media.height as media_height',
      'media.variants_json as media_variants',
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.dek',
      'articles.body_html',
      'articles.status',
      'articles.published_at',
      'articles.updated_at',
      'articles.replies_open',
      'authors.slug as author_slug',
      'authors.display_name as author_name',
      'sections.slug as section_slug',
      'sections.name as section_name',
      eb
        .selectFrom('replies')
        .select((r) => r.fn.countAll().as('n'))
        .whereRef('replies.article_id', '=', 'articles.id')
        .where('replies.status', '=', 'approved')
        .as('reply_count'),
    ]);
}

/** The public article with this slug, if published by `nowIso`. */
export function findPublishedBySlug(db: Executor, slug: string, nowIso: string): Promise<ArticleListRow | undefined> {
  return articleSelect(db)
    .where('articles.slug', '=', slug)
    .where('articles.status', 'in', publicStatuses)
    .where('articles.published_at', '<=', nowIso)
    .executeTakeFirst() as Promise<ArticleListRow | undefined>;
}

/** Any article by id, whatever its status. */
export function findById(db: Executor, id: number): Promise<ArticleListRow | undefined> {
  return articleSelect(db).where('articles.id', '=', id).executeTakeFirst() as Promise<ArticleListRow | undefined>;
}

/** What to filter a list of published articles by; `stickyFirst` puts sticky stories first (the front page). */
export type ArticleFilter = { sectionSlug?: string; tagSlug?: string; authorSlug?: string; stickyFirst?: boolean };

/**
 * Published stories, newest first: every list, feed and the sitemap reads this. Standing pages
 * (`kind = 'page'`) are answered at their address but never listed, so they are left out here.
 */
export function listPublished(db: Executor, nowIso: string, filter: ArticleFilter, limit: number, offset = 0): Promise<ArticleListRow[]> {
  let query = articleSelect(db)
    .where('articles.status', 'in', publicStatuses)
    .where('articles.published_at', '<=', nowIso)
    .where('articles.kind', '=', 'article');
  if (filter.sectionSlug !== undefined) query = query.where('sections.slug', '=', filter.sectionSlug);
  if (filter.authorSlug !== undefined) query = query.where('authors.slug', '=', filter.authorSlug);
  if (filter.tagSlug !== undefined) {
    const tagSlug = filter.tagSlug;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('tags.slug', '=', tagSlug),
      ),
    );
  }
  if (filter.stickyFirst) query = query.orderBy('articles.sticky', 'desc');
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).offset(offset).execute() as Promise<
    ArticleListRow[]
  >;
}

/** Tags of the given articles, in name order. */
export function tagsOf(db: Executor, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('tags.name')
    .execute();
}

/** Sections in navigation order. */
export function listSections(db: Executor) {
  return db.selectFrom('sections').select(['slug', 'name']).orderBy('position').orderBy('name').execute();
}

/** A section by slug. */
export function findSection(db: Executor, slug: string) {
  return db.selectFrom('sections').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** A tag by slug. */
export function findTag(db: Executor, slug: string) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** A byline by slug. */
export function findAuthor(db: Executor, slug: string) {
  return db.selectFrom('authors').select(['id', 'slug', 'display_name']).where('slug', '=', slug).executeTakeFirst();
}

/** How many articles exist, in any status. */
export async function countArticles(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Just what deciding whether an article takes replies needs: no counts, no tags, one row by key. */
export function findReplyTarget(db: Executor, id: number) {
  return db.selectFrom('articles').select(['id', 'status', 'published_at', 'replies_open']).where('id', '=', id).executeTakeFirst();
}
