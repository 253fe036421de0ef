import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, InvalidFields, NotFound } from '../../lib/errors.js';
import { unstorableTextProblem } from '../../lib/reader-text.js';
import type { DomainEvents } from '../../lib/events.js';
import { slugify } from '../../lib/slug.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleStatus } from './articles.js';
import { recordAudit } from '../audit/index.js';
import type { ArticleDraft, ArticleListLine, EditableArticle, EditorActor, Revision } from './editorial.js';
import * as eq from './editorial.queries.js';
import { ensureSection, ensureTag, insertArticle } from './articles.queries.js';
import { ARTICLE_BODY_LIMIT, type MarkdownRenderer } from './markdown.js';

/** Writing, revising and retiring articles from the newsroom; every change audited and announced. */
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
  clock: Clock;
  events: DomainEvents;
  /** Formats Markdown off the event loop, within a time limit. */
  markdown: Pick<MarkdownRenderer, 'render'>;
}

const limits = { headline: 300, dek: 600, body: ARTICLE_BODY_LIMIT, section: 60, alt: 300 };

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
  const { db, clock, events, markdown } = deps;

  /** Checks a draft, reporting every problem at once so the author fixes them in one go. */
  function check(draft: ArticleDraft, now: Date): { headline: string; dek: string; section: string; slugWanted: string } {
    const problems: { field: string; message: string }[] = [];
    // The editor's multipart form skips the web layer's check: a NUL would fail PostgreSQL's insert (a 500).
    const texts = { headline: draft.headline, dek: draft.dek, slug: draft.slug, body: draft.bodyMarkdown, section: draft.section, tags: draft.tags.join(','), featuredAlt: draft.featuredAlt };
    for (const [field, text] of Object.entries(texts)) {
      const problem = unstorableTextProblem(text);
      if (problem) problems.push({ field, message: `This field ${problem}` });
    }
    const headline = draft.headline.replace(/\s+/g, ' ').trim();
    const dek = draft.dek.replace(/\s+/g, ' ').trim();
    const section = draft.section.replace(/\s+/g, ' ').trim() || 'News';
    if (!headline) problems.push({ field: 'headline', message: 'Give the article a headline.' });
    else if (headline.length > limits.headline) problems.push({ field: 'headline', message: `The headline is too long: at most ${limits.headline} characters.` });
    if (dek.length > limits.dek) problems.push({ field: 'dek', message: `The dek is too long: at most ${limits.dek} characters.` });
    if (draft.status !== 'draft' && !draft.bodyMarkdown.trim()) problems.push({ field: 'body', message: 'Write the article before publishing it.' });
    if (draft.bodyMarkdown.length > limits.body) {
      problems.push({ field: 'body', message: `The article is too long: ${draft.bodyMarkdown.length.toLocaleString('en-US')} characters, the limit is ${limits.body.toLocaleString('en-US')}.` });
    }
    if (section.length > limits.section) problems.push({ field: 'section', message: `The section name is too long: at most ${limits.section} characters.` });
    if (draft.featuredAlt.length > limits.alt) problems.push({ field: 'featuredAlt', message: `The image description is too long: at most ${limits.alt} characters.` });
    if (draft.status === 'scheduled') {
      if (!draft.publishAt || Number.isNaN(draft.publishAt.getTime())) problems.push({ field: 'publishAt', message: 'Choose when the article goes live.' });
      else if (draft.publishAt.getTime() <= now.getTime()) problems.push({ field: 'publishAt', message: 'That time has passed. Choose a time in the future, or publish now.' });
    }
    const slugWanted = draft.slug.trim() ? slugify(draft.slug) : '';
    if (problems.length > 0) throw new InvalidFields(problems);
    return { headline, dek, section, slugWanted };
  }

  /** A free slug: the one asked for (refused when another article has it), else one made from the headline. */
  async function chooseSlug(trx: Transaction<Database>, wanted: string, headline: string, articleId?: number): Promise<string> {
    if (wanted) {
      const owner = await eq.articleWithSlug(trx, wanted);
      if (owner !== undefined && owner !== articleId) {
        throw new InvalidFields([{ field: 'slug', message: `Another article already lives at “${wanted}”. Choose another address.` }]);
      }
      return wanted;
    }
    const base = slugify(headline);
    let slug = base;
    for (let n = 2; ; n++) {
      const owner = await eq.articleWithSlug(trx, slug);
      if (owner === undefined || owner === articleId) return slug;
      slug = `${base}-${n}`;
    }
  }

  async function tagIds(trx: Transaction<Database>, names: string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) ids.push(await ensureTag(trx, slugify(name), name));
    return [...new Set(ids)];
  }

  async function snapshot(trx: Transaction<Database>, id: number, actor: EditorActor, nowIso: string): Promise<void> {
    const a = await eq.findEditable(trx, id);
    if (!a) return;
    await eq.insertRevision(trx, {
      article_id: id,
      headline: a.headline,
      dek: a.dek,
      slug: a.slug,
      body_markdown: a.body_markdown,
      status: a.status,
      user_id: actor.id,
      user_name: actor.name,
      created_at: nowIso,
    });
  }

  /** The columns a save writes from what the writer typed, the same for a new article and an edit. */
  function contentColumns(draft: ArticleDraft, clean: { headline: string; dek: string; bodyHtml: string }, sectionId: number) {
    return {
      headline: clean.headline,
      dek: clean.dek,
      body_markdown: draft.bodyMarkdown,
      body_html: clean.bodyHtml,
      section_id: sectionId,
      status: draft.status,
      replies_open: draft.repliesOpen ? 1 : 0,
      featured_media_id: draft.featuredMediaId,
      featured_alt: draft.featuredAlt.trim(),
    };
  }

  function publicationTime(draft: ArticleDraft, previous: string | null, now: Date): string | null {
    if (draft.status === 'scheduled') return draft.publishAt!.toISOString();
    if (draft.status === 'published') return previous && previous <= now.toISOString() ? previous : now.toISOString();
    return previous;
  }

  function actionFor(status: ArticleStatus, before?: ArticleStatus): string {
    if (status === 'published' && before !== 'published') return 'article.publish';
    if (status === 'scheduled' && before !== 'scheduled') return 'article.schedule';
    return before === undefined ? 'article.create' : 'article.update';
  }

  async function setStatus(id: number, status: ArticleStatus, action: string, actor: EditorActor, allowedFrom: ArticleStatus[]): Promise<void> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const before = await eq.findEditable(trx, id);
      if (!before) throw new NotFound('There is no article with this number.');
      if (!allowedFrom.includes(before.status)) throw new Invalid(`This article is ${before.status}, so that does not apply.`);
      await eq.updateArticle(trx, id, { status, updated_at: now.toISOString() });
      await recordAudit(trx, { actor, action, subject: { type: 'article', id }, before: { status: before.status }, after: { status }, at: now });
    });
    events.publish({ type: 'article.changed', articleId: id });
  }

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
    async create(draft, actor) {
      const now = clock.now();
      const nowIso = now.toISOString();
      // Formatted before the transaction opens: it runs in a worker thread and may take a while.
      const clean = { ...check(draft, now), bodyHtml: await markdown.render(draft.bodyMarkdown) };
      const id = await db.transaction().execute(async (trx) => {
        const slug = await chooseSlug(trx, clean.slugWanted, clean.headline);
        const sectionId = await ensureSection(trx, slugify(clean.section), clean.section);
        const articleId = await insertArticle(trx, {
          slug,
          ...contentColumns(draft, clean, sectionId),
          author_id: actor.authorId,
          published_at: publicationTime(draft, null, now),
          created_at: nowIso,
          updated_at: nowIso,
        });
        await eq.replaceTags(trx, articleId, await tagIds(trx, draft.tags));
        await snapshot(trx, articleId, actor, nowIso);
        await recordAudit(trx, {
          actor,
          action: actionFor(draft.status),
          subject: { type: 'article', id: articleId },
          before: null,
          after: { headline: clean.headline, status: draft.status, slug },
          at: now,
        });
        return articleId;
      });
      events.publish({ type: 'article.changed', articleId: id });
      return id;
    },
    async update(id, draft, actor) {
      const now = clock.now();
      const nowIso = now.toISOString();
      const clean = { ...check(draft, now), bodyHtml: await markdown.render(draft.bodyMarkdown) };
      await db.transaction().execute(async (trx) => {
        const before = await eq.findEditable(trx, id);
        if (!before) throw new NotFound('There is no article with this number.');
        const slug = await chooseSlug(trx, clean.slugWanted || before.slug, clean.headline, id);
        const sectionId = await ensureSection(trx, slugify(clean.section), clean.section);
        await eq.updateArticle(trx, id, {
          slug,
          ...contentColumns(draft, clean, sectionId),
          published_at: publicationTime(draft, before.published_at, now),
          updated_at: nowIso,
        });
        await eq.replaceTags(trx, id, await tagIds(trx, draft.tags));
        await snapshot(trx, id, actor, nowIso);
        await recordAudit(trx, {
          actor,
          action: actionFor(draft.status, before.status),
          subject: { type: 'article', id },
          before: { headline: before.headline, status: before.status, slug: before.slug },
          after: { headline: clean.headline, status: draft.status, slug },
          at: now,
        });
      });
      events.publish({ type: 'article.changed', articleId: id });
    },
    unpublish: (id, actor) => setStatus(id, 'draft', 'article.unpublish', actor, ['published', 'scheduled']),
    trash: (id, actor) => setStatus(id, 'trash', 'article.trash', actor, ['draft', 'published', 'scheduled']),
    restore: (id, actor) => setStatus(id, 'draft', 'article.restore', actor, ['trash']),
    async revisions(id) {
      return (await eq.listRevisions(db, id)).map(toRevision);
    },
    async revision(id, revisionId) {
      const r = await eq.findRevision(db, id, revisionId);
      if (!r) throw new NotFound('There is no such revision of this article.');
      return toRevision(r);
    },
    async restoreRevision(id, revisionId, actor) {
      const now = clock.now();
      const nowIso = now.toISOString();
      // Revisions never change once written, so the text is formatted before the transaction opens.
      const saved = await eq.findRevision(db, id, revisionId);
      if (!saved) throw new NotFound('There is no such revision of this article.');
      const bodyHtml = await markdown.render(saved.body_markdown);
      await db.transaction().execute(async (trx) => {
        const rev = await eq.findRevision(trx, id, revisionId);
        const before = await eq.findEditable(trx, id);
        if (!rev || !before) throw new NotFound('There is no such revision of this article.');
        const slug = await chooseSlug(trx, rev.slug, rev.headline, id);
        await eq.updateArticle(trx, id, {
          headline: rev.headline,
          dek: rev.dek,
          slug,
          body_markdown: rev.body_markdown,
          body_html: bodyHtml,
          updated_at: nowIso,
        });
        await snapshot(trx, id, actor, nowIso);
        await recordAudit(trx, {
          actor,
          action: 'article.restore-revision',
          subject: { type: 'article', id },
          reason: `revision #${revisionId}`,
          before: { headline: before.headline, slug: before.slug },
          after: { headline: rev.headline, slug },
          at: now,
        });
      });
      events.publish({ type: 'article.changed', articleId: id });
    },
    preview: (text) => markdown.render(text),
  };
}
