import type { Kysely } from 'kysely';
import { NotFound } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleStatus } from './articles.js';
import type { ArticleWriter } from './article-writer.js';
import type { ArticleDraft, ArticleListLine, EditableArticle, EditorActor, Revision } from './editorial.js';
import * as eq from './editorial.queries.js';
import type { MarkdownRenderer } from './markdown.js';

/**
 * The newsroom's editor: what it reads (lists, counts, the editable text, revisions, previews), and
 * its saves and status actions, which it hands to the one article writer (audited and announced there).
 */
export interface EditorialService {
  list(filter: { status?: ArticleStatus; authorId?: number; limit?: number }): Promise<ArticleListLine[]>;
  counts(authorId?: number): Promise<Record<ArticleStatus, number>>;
  get(id: number): Promise<EditableArticle>;
  /** Saves a new article; returns its id. */
  create(draft: ArticleDraft, actor: EditorActor): Promise<number>;
  /** Saves changes to an article, keeping the earlier version as a revision. */
  update(id: number, draft: ArticleDraft, actor: EditorActor): Promise<void>;
  /** Takes a live or scheduled article off the site (back to draft). */
  unpublish(id: number, actor: EditorActor): Promise<void>;
  trash(id: number, actor: EditorActor): Promise<void>;
  /** Brings an article back from the trash, as a draft. */
  restore(id: number, actor: EditorActor): Promise<void>;
  revisions(id: number): Promise<Revision[]>;
  revision(id: number, revisionId: number): Promise<Revision>;
  /** Makes an earlier version the current text (headline, dek, slug and body). */
  restoreRevision(id: number, revisionId: number, actor: EditorActor): Promise<void>;
  /** The HTML readers would see for this Markdown (sanitised as on the site); refuses a text too long or too slow to format. */
  preview(markdown: string): Promise<string>;
}

/** Dependencies of the editorial service. */
export interface EditorialDeps {
  db: Kysely<Database>;
  /** Every save and status change goes through it. */
  writer: Pick<ArticleWriter, 'create' | 'update' | 'changeStatus' | 'restoreRevision'>;
  /** Formats Markdown off the event loop, within a time limit (for previews). */
  markdown: Pick<MarkdownRenderer, 'render'>;
}

function toRevision(r: Awaited<ReturnType<typeof eq.listRevisions>>[number]): Revision {
  return {
    id: r.id,
    articleId: r.article_id,
    headline: r.headline,
    dek: r.dek,
    slug: r.slug,
    bodyMarkdown: r.body_markdown,
    status: r.status,
    userName: r.user_name,
    createdAt: new Date(r.created_at),
  };
}

/** The editorial service over the database. */
export function createEditorialService(deps: EditorialDeps): EditorialService {
  const { db, writer, markdown } = deps;

  return {
    async list({ status, authorId, limit = 200 }) {
      const rows = await eq.listForNewsroom(db, { status, authorId, limit });
      return rows.map((r) => ({
        id: r.id,
        headline: r.headline,
        slug: r.slug,
        status: r.status,
        authorId: r.author_id,
        authorName: r.author_name,
        section: r.section_name,
        publishedAt: r.published_at ? new Date(r.published_at) : null,
        updatedAt: new Date(r.updated_at),
      }));
    },
    counts: (authorId) => eq.countByStatus(db, authorId),
    async get(id) {
      const a = await eq.findEditable(db, id);
      if (!a) throw new NotFound('There is no article with this number.');
      return {
        id: a.id,
        headline: a.headline,
        dek: a.dek,
        slug: a.slug,
        bodyMarkdown: a.body_markdown,
        section: a.section_name,
        tags: await eq.tagNames(db, id),
        status: a.status,
        publishedAt: a.published_at ? new Date(a.published_at) : null,
        repliesOpen: a.replies_open === 1,
        authorId: a.author_id,
        authorName: a.author_name,
        featuredMediaId: a.featured_media_id,
        featuredAlt: a.featured_alt,
        createdAt: new Date(a.created_at),
        updatedAt: new Date(a.updated_at),
      };
    },
    create: (draft, actor) => writer.create(draft, actor),
    update: (id, draft, actor) => writer.update(id, draft, actor),
    unpublish: (id, actor) => writer.changeStatus(id, 'unpublish', actor),
    trash: (id, actor) => writer.changeStatus(id, 'trash', actor),
    restore: (id, actor) => writer.changeStatus(id, 'restore', actor),
    async revisions(id) {
      return (await eq.listRevisions(db, id)).map(toRevision);
    },
    async revision(id, revisionId) {
      const r = await eq.findRevision(db, id, revisionId);
      if (!r) throw new NotFound('There is no such revision of this article.');
      return toRevision(r);
    },
    restoreRevision: (id, revisionId, actor) => writer.restoreRevision(id, revisionId, actor),
    preview: (text) => markdown.render(text),
  };
}
