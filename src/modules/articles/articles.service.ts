import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import type { Article, Byline, Section, Tag } from './articles.js';
import * as q from './articles.queries.js';

/** Reading articles as the public site shows them. Every write goes through the article writer (article-writer.ts). */
export interface ArticlesService {
  /** The published article with this slug; NotFound otherwise (drafts and future ones included). */
  getPublished(slug: string): Promise<Article>;
  /** The id of the published article with this slug (one query: a reply's POST needs no more); NotFound otherwise. */
  publishedId(slug: string): Promise<number>;
  /** Any article by id, whatever its status, or undefined. */
  findById(id: number): Promise<Article | undefined>;
  /** The little a reply needs to know of its article (status, time, replies open), read cheaply. */
  /** `within`: read through that open transaction (a reply's own). */
  findReplyTarget(
    id: number,
    within?: Transaction<Database>,
  ): Promise<Pick<Article, 'id' | 'status' | 'publishedAt' | 'repliesOpen'> | undefined>;
  /** Newest published stories (never standing pages); `stickyFirst` puts sticky ones first, as the front page does. */
  latest(options?: {
    limit?: number;
    offset?: number;
    sectionSlug?: string;
    tagSlug?: string;
    authorSlug?: string;
    stickyFirst?: boolean;
    /** Published at or after / before these times. */
    since?: Date;
    until?: Date;
    /** Only articles after this one, newest first (keyset paging for the API). */
    before?: { publishedAt: Date; id: number };
  }): Promise<Article[]>;
  sections(): Promise<Section[]>;
  /** Tags carried by at least one public story, by name. */
  tags(): Promise<Tag[]>;
  /** Standing pages (About, Contact…), published only unless `includeDrafts`: answered at their address, never listed with stories. */
  pages(options?: { includeDrafts?: boolean }): Promise<{ id: number; slug: string; headline: string; status: string; updatedAt: Date }[]>;
  section(slug: string): Promise<Section>;
  tag(slug: string): Promise<Tag>;
  /** A byline by slug; NotFound when there is none. */
  author(slug: string): Promise<Byline>;
  /** How many articles exist in any status (0 on a new site). */
  count(): Promise<number>;
}

/**
 * An article as a writer's transaction left it, tags aside (read on that transaction, so what must
 * follow the write, such as a webhook announcement, sees the write before it commits).
 */
export async function findArticleWithin(trx: Transaction<Database>, id: number): Promise<Omit<Article, 'tags'> | undefined> {
  const row = await q.findById(trx, id);
  if (!row) return undefined;
  const article: Partial<Article> = toArticle(row, []);
  delete article.tags;
  return article as Omit<Article, 'tags'>;
}

function toArticle(row: q.ArticleListRow, tags: Tag[]): Article {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    bodyHtml: row.body_html,
    status: row.status,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    repliesOpen: row.replies_open === 1,
    author: { slug: row.author_slug, name: row.author_name },
    section: { slug: row.section_slug, name: row.section_name },
    tags,
    replyCount: Number(row.reply_count),
    featuredImageUrl: row.featured_image_url,
    featuredAlt: row.featured_alt,
    kind: row.kind,
    sticky: row.sticky === 1,
    ...(row.media_key && row.media_variants
      ? {
          featuredImage: {
            key: row.media_key,
            width: row.media_width ?? 0,
            height: row.media_height ?? 0,
            alt: row.featured_alt,
            variants: JSON.parse(row.media_variants) as NonNullable<Article['featuredImage']>['variants'],
          },
        }
      : {}),
  };
}

/** The public reads of articles over the database, with time from `clock`. */
export function createArticlesService(db: Kysely<Database>, clock: Clock): ArticlesService {
  async function withTags(rows: q.ArticleListRow[]): Promise<Article[]> {
    const tagRows = await q.tagsOf(
      db,
      rows.map((r) => r.id),
    );
    const byArticle = new Map<number, Tag[]>();
    for (const t of tagRows) {
      const list = byArticle.get(t.article_id) ?? [];
      list.push({ slug: t.slug, name: t.name });
      byArticle.set(t.article_id, list);
    }
    return rows.map((row) => toArticle(row, byArticle.get(row.id) ?? []));
  }

  return {
    async getPublished(slug) {
      const row = await q.findPublishedBySlug(db, slug, clock.now().toISOString());
      if (!row) throw new NotFound('There is no article at this address.');
      return (await withTags([row]))[0]!;
    },

    async publishedId(slug) {
      const id = await q.findPublishedIdBySlug(db, slug, clock.now().toISOString());
      if (id === undefined) throw new NotFound('There is no article at this address.');
      return id;
    },

    async findById(id) {
      const row = await q.findById(db, id);
      return row ? (await withTags([row]))[0] : undefined;
    },

    async findReplyTarget(id, within) {
      const row = await q.findReplyTarget(within ?? db, id);
      return row
        ? {
            id: row.id,
            status: row.status,
            publishedAt: row.published_at ? new Date(row.published_at) : null,
            repliesOpen: row.replies_open === 1,
          }
        : undefined;
    },

    async latest({ limit = 20, offset = 0, sectionSlug, tagSlug, authorSlug, stickyFirst, since, until, before } = {}) {
      let tagId: number | undefined;
      if (tagSlug !== undefined) {
        const tag = await q.findTag(db, tagSlug);
        if (!tag) return [];
        tagId = tag.id;
      }
      const filter: q.ArticleFilter = {
        sectionSlug,
        ...(tagId !== undefined ? { tagId } : {}),
        authorSlug,
        stickyFirst,
        ...(since ? { since: since.toISOString() } : {}),
        ...(until ? { until: until.toISOString() } : {}),
        ...(before ? { before: { publishedAt: before.publishedAt.toISOString(), id: before.id } } : {}),
      };
      const rows = await q.listPublished(db, clock.now().toISOString(), filter, limit, offset);
      return withTags(rows);
    },

    async sections() {
      return q.listSections(db);
    },

    async tags() {
      return q.listUsedTags(db, clock.now().toISOString());
    },

    async pages(options = {}) {
      const rows = await q.listPages(db, clock.now().toISOString(), options.includeDrafts === true);
      return rows.map((r) => ({ id: r.id, slug: r.slug, headline: r.headline, status: r.status, updatedAt: new Date(r.updated_at) }));
    },

    async section(slug) {
      const row = await q.findSection(db, slug);
      if (!row) throw new NotFound('There is no section at this address.');
      return { slug: row.slug, name: row.name };
    },

    async tag(slug) {
      const row = await q.findTag(db, slug);
      if (!row) throw new NotFound('There is no tag at this address.');
      return { slug: row.slug, name: row.name };
    },

    async author(slug) {
      const row = await q.findAuthor(db, slug);
      if (!row) throw new NotFound('There is no author at this address.');
      return { slug: row.slug, name: row.display_name };
    },

    async count() {
      return q.countArticles(db);
    },
  };
}
