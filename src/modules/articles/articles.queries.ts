import type { Executor } from '../../storage/db.js';
import { compiledStatement } from '../../storage/compiled-statements.js';
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
  return (
    articleSelect(db)
      .where('articles.slug', '=', slug)
      // A page on another site has no address here: its thread is reached through the embed API only.
      .where('articles.kind', '!=', 'external')
      .where('articles.status', 'in', publicStatuses)
      .where('articles.published_at', '<=', nowIso)
      .executeTakeFirst() as Promise<ArticleListRow | undefined>
  );
}

/**
 * The id of the public article with this slug, if published by `nowIso`: what a reply POST needs.
 * Not `findPublishedBySlug`, whose row counts the article's approved replies (a cost that grows with
 * the discussion) and joins its author, section and picture.
 */
export async function findPublishedIdBySlug(db: Executor, slug: string, nowIso: string): Promise<number | undefined> {
  return (await publishedIdBySlug.first(db, { slug, nowIso }))?.id;
}

// Every reply POST asks it: compiled once (compiled-statements.ts).
const publishedIdBySlug = compiledStatement((db, p: { slug: string; nowIso: string }) =>
  db
    .selectFrom('articles')
    .select('id')
    .where('slug', '=', p.slug)
    .where('kind', '!=', 'external')
    .where('status', 'in', publicStatuses)
    .where('published_at', '<=', p.nowIso),
);

/** Any article by id, whatever its status. */
export function findById(db: Executor, id: number): Promise<ArticleListRow | undefined> {
  return articleSelect(db).where('articles.id', '=', id).executeTakeFirst() as Promise<ArticleListRow | undefined>;
}

/** What to filter a list of published articles by; `stickyFirst` puts sticky stories first (the front page). */
export type ArticleFilter = {
  sectionSlug?: string;
  /**
   * The tag's id, looked up first (`findTag`): a constant the planner can weigh against its
   * statistics, so PostgreSQL walks the listing index for a common tag and sorts a rare tag's few
   * stories, instead of sorting every story of the tag, however many (a slug joined through `tags`
   * tells it nothing).
   */
  tagId?: number;
  authorSlug?: string;
  stickyFirst?: boolean;
  /** Published at or after this time (ISO). */
  since?: string;
  /** Published before this time (ISO). */
  until?: string;
  /** Keyset cursor: only articles after this one in newest-first order (the API's pages). */
  before?: { publishedAt: string; id: number };
};

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
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'articles.id')
          .where('article_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (filter.since !== undefined) query = query.where('articles.published_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('articles.published_at', '<', filter.until);
  if (filter.before !== undefined) {
    const { publishedAt, id } = filter.before;
    query = query.where((eb) =>
      eb.or([
        eb('articles.published_at', '<', publishedAt),
        eb.and([eb('articles.published_at', '=', publishedAt), eb('articles.id', '<', id)]),
      ]),
    );
  }
  if (filter.stickyFirst) query = query.orderBy('articles.sticky', 'desc');
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).offset(offset).execute() as Promise<
    ArticleListRow[]
  >;
}

/**
 * Standing pages (`kind = 'page'`: About, Contact…), by headline: the published ones for the
 * sitemap, or every one but the trashed for the newsroom's list.
 */
export function listPages(db: Executor, nowIso: string, includeDrafts: boolean) {
  let query = db.selectFrom('articles').select(['id', 'slug', 'headline', 'status', 'updated_at']).where('kind', '=', 'page');
  query = includeDrafts
    ? query.where('status', '!=', 'trash')
    : query.where('status', 'in', publicStatuses).where('published_at', '<=', nowIso);
  return query.orderBy('headline').orderBy('id').limit(1000).execute();
}

/** Tags of the given articles, in the order they were typed. */
export function tagsOf(db: Executor, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.position')
    .orderBy('tags.name')
    .execute();
}

/** Tags that at least one public story carries, by name. */
export function listUsedTags(db: Executor, nowIso: string) {
  return db
    .selectFrom('tags')
    .select(['tags.slug', 'tags.name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .innerJoin('articles', 'articles.id', 'article_tags.article_id')
          .select('article_tags.article_id')
          .whereRef('article_tags.tag_id', '=', 'tags.id')
          .where('articles.status', 'in', publicStatuses)
          .where('articles.published_at', '<=', nowIso)
          .where('articles.kind', '=', 'article'),
      ),
    )
    .orderBy('tags.name')
    .orderBy('tags.slug')
    .limit(10_000)
    .execute();
}

/**
 * The section that holds other sites' pages (issue 15): a row because every article needs one,
 * never shown in navigation or the editor's choices.
 */
export const EXTERNAL_SECTION = { slug: 'embedded-pages', name: 'Embedded pages' } as const;

/** Sections in navigation order (the external pages' own section left out). */
export function listSections(db: Executor) {
  return db
    .selectFrom('sections')
    .select(['slug', 'name'])
    .where('slug', '!=', EXTERNAL_SECTION.slug)
    .orderBy('position')
    .orderBy('name')
    .execute();
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
