import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import { slugify } from '../../lib/slug.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import type { Article, ArticleInput, Section, Tag } from './articles.js';
import * as q from './articles.queries.js';
import type { MarkdownRenderer } from './markdown.js';

/** Reading and writing articles. */
export interface ArticlesService {
  /** The published article with this slug; NotFound otherwise (drafts and future ones included). */
  getPublished(slug: string): Promise<Article>;
  /** Any article by id, whatever its status, or undefined. */
  findById(id: number): Promise<Article | undefined>;
  /** The little a reply needs to know of its article (status, time, replies open), read cheaply. */
  findReplyTarget(id: number): Promise<Pick<Article, 'id' | 'status' | 'publishedAt' | 'repliesOpen'> | undefined>;
  /** Newest published articles. */
  latest(options?: { limit?: number; offset?: number; sectionSlug?: string; tagSlug?: string }): Promise<Article[]>;
  sections(): Promise<Section[]>;
  section(slug: string): Promise<Section>;
  tag(slug: string): Promise<Tag>;
  /**
   * Writes a new article; returns it. A taken slug gets a number appended, unless `exactSlug`,
   * when it is a Conflict instead (so two nodes seeding at once cannot both succeed).
   */
  create(input: ArticleInput, options?: { exactSlug?: boolean }): Promise<Article>;
  /** How many articles exist in any status (0 on a new site). */
  count(): Promise<number>;
  /**
   * Marks scheduled articles whose time has come as published and announces each change, exactly
   * once however many nodes call it at the same moment. Returns the ids it published.
   */
  publishDue(): Promise<number[]>;
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

/** Articles over the database, with time from `clock`. */
export function createArticlesService(
  db: Kysely<Database>,
  clock: Clock,
  events: DomainEvents,
  caps: Pick<Capabilities, 'isUniqueViolation'>,
  markdown: Pick<MarkdownRenderer, 'render'>,
): ArticlesService {
  async function withTags(rows: q.ArticleListRow[]): Promise<Article[]> {
    const tagRows = await q.tagsOf(db, rows.map((r) => r.id));
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

    async findById(id) {
      const row = await q.findById(db, id);
      return row ? (await withTags([row]))[0] : undefined;
    },

    async findReplyTarget(id) {
      const row = await q.findReplyTarget(db, id);
      return row
        ? { id: row.id, status: row.status, publishedAt: row.published_at ? new Date(row.published_at) : null, repliesOpen: row.replies_open === 1 }
        : undefined;
    },

    async latest({ limit = 20, offset = 0, sectionSlug, tagSlug } = {}) {
      const rows = await q.listPublished(db, clock.now().toISOString(), { sectionSlug, tagSlug }, limit, offset);
      return withTags(rows);
    },

    async sections() {
      return q.listSections(db);
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

    async create(input, options = {}) {
      const headline = input.headline.trim();
      if (!headline) throw new Invalid('An article needs a headline.', 'headline');
      if (!input.bodyMarkdown.trim()) throw new Invalid('An article needs a body.', 'bodyMarkdown');
      const now = clock.now();
      const nowIso = now.toISOString();
      const slugTaken = () => new Conflict('Another article already uses this address (slug).', 'slug');
      // Before the transaction: formatting happens in a worker thread and may take a while.
      const bodyHtml = await markdown.render(input.bodyMarkdown);
      const id = await db.transaction().execute(async (trx) => {
        const base = slugify(input.slug?.trim() || headline);
        let slug = base;
        if (options.exactSlug && (await q.slugTaken(trx, slug))) throw slugTaken();
        for (let n = 2; await q.slugTaken(trx, slug); n++) slug = `${base}-${n}`;
        const authorId = await q.ensureAuthor(trx, slugify(input.author.name), input.author.name.trim(), input.author.bio ?? '', nowIso);
        const sectionId = await q.ensureSection(trx, slugify(input.section), input.section.trim());
        const publishedAt = input.publishedAt ?? (input.status === 'published' ? now : null);
        const articleId = await q.insertArticle(trx, {
          slug,
          headline,
          dek: input.dek?.trim() ?? '',
          body_markdown: input.bodyMarkdown,
          body_html: bodyHtml,
          author_id: authorId,
          section_id: sectionId,
          status: input.status,
          published_at: publishedAt ? publishedAt.toISOString() : null,
          created_at: nowIso,
          updated_at: nowIso,
          replies_open: input.repliesOpen === false ? 0 : 1,
        });
        const tagIds: number[] = [];
        for (const name of input.tags ?? []) {
          if (name.trim()) tagIds.push(await q.ensureTag(trx, slugify(name), name.trim()));
        }
        await q.linkTags(trx, articleId, tagIds);
        return articleId;
      }).catch((error: unknown) => {
        // Another writer took the slug between our check and our insert.
        throw caps.isUniqueViolation(error) ? slugTaken() : error;
      });
      // Announced after the commit: page caches on every node drop what lists articles.
      events.publish({ type: 'article.changed', articleId: id });
      return (await this.findById(id))!;
    },

    async count() {
      return q.countArticles(db);
    },

    async publishDue() {
      const ids = await q.publishDue(db, clock.now().toISOString());
      for (const articleId of ids) events.publish({ type: 'article.changed', articleId });
      return ids;
    },
  };
}
