import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Conflict, InvalidFields, NotFound } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import { slugify } from '../../lib/slug.js';
import type { Capabilities } from '../../storage/capabilities.js';
import { deferPlainIndexesWhileEmpty, type DeferredIndexes } from '../../storage/bulk-load-indexes.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleStatus } from './articles.js';
import { conflictOnUniqueViolation } from '../../storage/unique-conflict.js';
import { recordAudit } from '../audit/index.js';
import { checkArticle, type ArticleFields, type CheckedFields } from './article-checks.js';
import { chooseSlug, isKeepableSlug, slugKey } from './article-slug.js';
import { checkImportedRevisions, importedByline, importedRevisionRow } from './catalogue-import.js';
import { createStatusChanger, publicationTime, saveAction, type StatusChanger } from './article-status.js';
import { tagIdsFor } from './article-tags.js';
import * as wq from './article-writer.queries.js';
import type { ArticleInput, ImportedRevision, WriterActor } from './articles.js';
import type { NewArticleRow } from './articles.table.js';
import type { ArticleDraft, EditorActor } from './editorial.js';
import { findEditable, findRevision } from './editorial.queries.js';
import type { MarkdownRenderer } from './markdown.js';
import { FormattedBodies } from './formatted-bodies.js';

/**
 * The one writer of articles: the newsroom's editor, the seed, the test factories and the
 * importers all write through it. It checks the text, formats the Markdown, chooses the address,
 * makes sections, tags and bylines, keeps a revision, records the audit entry and announces
 * `article.changed` after the commit. Status changes alone go through its `changeStatus` and
 * `publishDue` (article-status.ts).
 */
export interface ArticleWriter extends StatusChanger {
  /** A new article from the editor, under the actor's byline; returns its id. */
  create(draft: ArticleDraft, actor: EditorActor): Promise<number>;
  /** Saves changes to an article from the editor, keeping the new version as a revision. */
  update(id: number, draft: ArticleDraft, actor: WriterActor): Promise<void>;
  /**
   * Import mode: writes an article as it stood elsewhere, keeping its dates, its address exactly
   * (a Conflict on the `slug` field when another article has it), its status (any, trash
   * included) and its byline; returns its id.
   */
  importArticle(input: ArticleInput, actor: WriterActor, options?: ImportOptions): Promise<number>;
  /**
   * Import mode, a batch at a time: starts formatting these bodies in one worker task and returns
   * at once; pass the result to `importArticle` (`formatted`) to use them.
   */
  formatForImport(markdowns: readonly string[]): FormattedBodies;
  /**
   * Import mode: sets the featured image kept at its original address (an export may name the
   * image after the article that shows it).
   */
  importFeaturedImage(id: number, url: string, options?: ImportOptions): Promise<void>;
  /**
   * Before an import writes articles inside `within`: when the table is empty, sets its plain
   * secondary indexes (the listings') aside until `restore()` builds them again in the same
   * transaction (storage/bulk-load-indexes.ts). The caller must call `restore()` before it commits.
   */
  deferIndexesForImport(options: Required<Pick<ImportOptions, 'within'>>): Promise<DeferredIndexes>;
  /** Makes an earlier version the current text (headline, dek, slug and body). */
  restoreRevision(id: number, revisionId: number, actor: WriterActor): Promise<void>;
}

/** How an import runs its writes. */
export interface ImportOptions {
  /**
   * The caller's transaction (a whole import is one): the write joins it, nothing is retried,
   * and no event is announced, because the caller announces once its transaction commits.
   */
  within?: Transaction<Database>;
  /** Bodies formatted ahead (`formatForImport`); a body not among them is formatted now. */
  formatted?: FormattedBodies;
}

/** What the writer needs. */
export interface ArticleWriterDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  /**
   * `violatedUniqueKey` tells a unique violation (two writers raced for one address) from other
   * errors; `plainIndexes` says which indexes an import into an empty table may set aside.
   */
  caps: Pick<Capabilities, 'violatedUniqueKey' | 'plainIndexes'>;
  /** Formats Markdown off the event loop, within a time limit. */
  markdown: Pick<MarkdownRenderer, 'render' | 'renderMany'>;
  /**
   * Brings the article's search document in step with what this transaction wrote (the search
   * module's `indexArticleForSearch`, wired in container.ts): called on every save of the text.
   */
  indexForSearch: (trx: Transaction<Database>, articleId: number) => Promise<void>;
  /**
   * What must follow every committed change of an article, inside the transaction that makes it
   * (the webhooks' announcements, wired in container.ts): an outbox, so a crash after the commit
   * can neither lose it nor a rolled-back write invent it. Not called inside an import's own
   * transaction, which announces nothing (as `article.changed` is not published there either).
   */
  followUp?: (trx: Transaction<Database>, articleId: number) => Promise<void>;
}

/** Longest featured-image address kept (longer ones are not addresses anyone can use). */
const FEATURED_URL_LIMIT = 2_000;

/** An address made from the headline may lose a race to a concurrent save; each round one save wins, so this many tries serve five at once. */
const CHOSEN_SLUG_ATTEMPTS = 5;

/** The article writer over the database. */
export function createArticleWriter(deps: ArticleWriterDeps): ArticleWriter {
  const { db, clock, events, caps, markdown, indexForSearch } = deps;
  const followUp = deps.followUp ?? (async () => undefined);

  /**
   * Runs one write. A unique violation on the address (another transaction inserted it after our
   * check) becomes a Conflict on `slug`; when the writer chose the address itself, it tries again,
   * and then sees the other article and picks the next free address.
   */
  async function transact<T>(
    slug: { wanted: string; chosen: boolean },
    work: (trx: Transaction<Database>) => Promise<T>,
    within?: Transaction<Database>,
  ): Promise<T> {
    if (within) return work(within);
    for (let attempt = 1; ; attempt++) {
      try {
        return await conflictOnUniqueViolation(caps, [slugKey(slug.wanted)], () => db.transaction().execute(work));
      } catch (error) {
        if (slug.chosen && attempt < CHOSEN_SLUG_ATTEMPTS && error instanceof Conflict && error.field === 'slug') continue;
        throw error;
      }
    }
  }

  /**
   * Saves the current text as a revision, so every write can be compared and restored. `written`:
   * the text this transaction has just written, when the caller has it at hand (saves of a whole
   * article do), instead of reading it back.
   */
  async function keepRevision(
    trx: Transaction<Database>,
    id: number,
    actor: WriterActor,
    nowIso: string,
    written?: Pick<wq.SavedVersion, 'headline' | 'dek' | 'slug' | 'body_markdown' | 'status'>,
  ): Promise<void> {
    const a = written ?? (await findEditable(trx, id));
    if (!a) return;
    await wq.insertRevision(trx, {
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

  /** The columns every write of the text sets, from the checked fields. */
  function textColumns(
    clean: CheckedFields,
    fields: { bodyMarkdown: string; status: ArticleStatus; repliesOpen: boolean; featuredMediaId: number | null },
    bodyHtml: string,
    sectionId: number,
  ) {
    return {
      headline: clean.headline,
      dek: clean.dek,
      body_markdown: fields.bodyMarkdown,
      body_html: bodyHtml,
      section_id: sectionId,
      status: fields.status,
      replies_open: fields.repliesOpen ? 1 : 0,
      featured_media_id: fields.featuredMediaId,
      featured_alt: clean.featuredAlt,
    };
  }

  /** A new article in either mode: everything but the byline, the dates and the trail's words is the same. */
  async function insert(write: {
    fields: ArticleFields & { repliesOpen: boolean; featuredMediaId: number | null };
    mode: 'editor' | 'import';
    byline: (trx: Transaction<Database>, nowIso: string) => Promise<number>;
    dates: (now: Date) => { created: Date; updated: Date; published: string | null };
    action: string;
    actor: WriterActor;
    /** Import mode only: the columns the editor does not set (kind, sticky, an image kept by address). */
    extra?: Pick<NewArticleRow, 'kind' | 'sticky' | 'featured_image_url'>;
    /** Import mode only: the article this write replaces (a second run of an import), updated in place. */
    replaces?: number;
    /** Import mode only: the section's exact address, when not the one made from its name. */
    sectionSlug?: string;
    /** Import mode only: tags' exact addresses by name. */
    tagSlugs?: ReadonlyMap<string, string>;
    /** Import mode only: the article's own history, kept instead of a new revision. */
    revisions?: ImportedRevision[];
    within?: Transaction<Database>;
    formatted?: FormattedBodies;
  }): Promise<number> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const clean = checkArticle(write.fields, write.mode, now);
    const dates = write.dates(now);
    // Formatted before the transaction opens: it runs in a worker thread and may take a while.
    const bodyHtml = await (write.formatted?.html(write.fields.bodyMarkdown) ?? markdown.render(write.fields.bodyMarkdown));
    const { replaces } = write;
    const id = await transact(
      { wanted: clean.slug, chosen: !clean.slug },
      async (trx) => {
        const before = replaces === undefined ? undefined : await findEditable(trx, replaces);
        if (replaces !== undefined && !before) throw new NotFound('There is no article with this number.');
        const slug = await chooseSlug(trx, { wanted: clean.slug, headline: clean.headline, mode: write.mode, articleId: replaces });
        const sectionId = await wq.ensureSection(trx, write.sectionSlug || slugify(clean.section), clean.section);
        const row = {
          slug,
          ...textColumns(clean, write.fields, bodyHtml, sectionId),
          ...write.extra,
          author_id: await write.byline(trx, nowIso),
          published_at: dates.published,
          created_at: dates.created.toISOString(),
          updated_at: dates.updated.toISOString(),
        };
        const articleId = replaces ?? (await wq.insertArticle(trx, row));
        if (replaces !== undefined) await wq.updateArticle(trx, replaces, row);
        await wq.replaceTags(trx, articleId, await tagIdsFor(trx, clean.tags, write.tagSlugs));
        await indexForSearch(trx, articleId);
        if (write.revisions)
          await wq.replaceRevisions(
            trx,
            articleId,
            write.revisions.map((r) => importedRevisionRow(articleId, r)),
          );
        else await keepRevision(trx, articleId, write.actor, nowIso, row);
        await recordAudit(trx, {
          actor: write.actor,
          action: replaces === undefined ? write.action : `${write.action}-update`,
          subject: { type: 'article', id: articleId },
          before: before ? { headline: before.headline, status: before.status, slug: before.slug } : null,
          after: { headline: clean.headline, status: write.fields.status, slug },
          at: now,
        });
        if (!write.within) await followUp(trx, articleId);
        return articleId;
      },
      write.within,
    );
    // Announced after the commit: page caches on every node drop what lists articles. Inside the
    // caller's transaction, the caller announces once it commits.
    if (!write.within) events.publish({ type: 'article.changed', articleId: id });
    return id;
  }

  return {
    ...createStatusChanger({ db, clock, events, followUp }),

    create(draft, actor) {
      return insert({
        fields: draft,
        mode: 'editor',
        byline: async () => actor.authorId,
        dates: (now) => ({ created: now, updated: now, published: publicationTime(draft.status, draft.publishAt, null, now) }),
        action: saveAction(draft.status),
        actor,
        ...(draft.kind ? { extra: { kind: draft.kind } } : {}),
      });
    },

    importArticle(input, actor, options = {}) {
      const { author } = input;
      if (input.revisions) checkImportedRevisions(input.revisions);
      const badTag = input.tags?.find((t) => typeof t !== 'string' && !isKeepableSlug(t.slug));
      if (badTag)
        throw new InvalidFields([{ field: 'tags', message: `“${(badTag as { slug: string }).slug}” cannot be kept as a tag's address.` }]);
      if (input.sectionSlug !== undefined && !isKeepableSlug(input.sectionSlug))
        throw new InvalidFields([{ field: 'section', message: `“${input.sectionSlug}” cannot be kept as a section's address.` }]);
      return insert({
        fields: {
          headline: input.headline,
          dek: input.dek ?? '',
          slug: input.slug ?? '',
          bodyMarkdown: input.bodyMarkdown,
          section: input.section,
          tags: (input.tags ?? []).map((t) => (typeof t === 'string' ? t : t.name)),
          status: input.status,
          publishAt: input.publishedAt ?? null,
          featuredAlt: input.featuredAlt ?? '',
          repliesOpen: input.repliesOpen !== false,
          featuredMediaId: null,
        },
        mode: 'import',
        extra: { kind: input.kind ?? 'article', sticky: input.sticky ? 1 : 0, featured_image_url: input.featuredImageUrl ?? '' },
        replaces: input.replaces,
        sectionSlug: input.sectionSlug,
        tagSlugs: new Map((input.tags ?? []).flatMap((t) => (typeof t === 'string' ? [] : [[t.name.replace(/\s+/g, ' ').trim(), t.slug]]))),
        revisions: input.revisions,
        within: options.within,
        formatted: options.formatted,
        byline: (trx, nowIso) => importedByline(trx, author, nowIso),
        dates: (now) => {
          const created = input.createdAt ?? now;
          const published = input.publishedAt ?? (input.status === 'published' ? now : null);
          return { created, updated: input.updatedAt ?? created, published: published ? published.toISOString() : null };
        },
        action: 'article.import',
        actor,
      });
    },

    async update(id, draft, actor) {
      const now = clock.now();
      const nowIso = now.toISOString();
      const clean = checkArticle(draft, 'editor', now);
      const bodyHtml = await markdown.render(draft.bodyMarkdown);
      await transact({ wanted: clean.slug, chosen: false }, async (trx) => {
        const before = await findEditable(trx, id);
        if (!before) throw new NotFound('There is no article with this number.');
        const slug = await chooseSlug(trx, { wanted: clean.slug || before.slug, headline: clean.headline, articleId: id, mode: 'editor' });
        const sectionId = await wq.ensureSection(trx, slugify(clean.section), clean.section);
        await wq.updateArticle(trx, id, {
          slug,
          ...textColumns(clean, draft, bodyHtml, sectionId),
          published_at: publicationTime(draft.status, draft.publishAt, before.published_at, now),
          updated_at: nowIso,
        });
        await wq.replaceTags(trx, id, await tagIdsFor(trx, clean.tags));
        await indexForSearch(trx, id);
        await keepRevision(trx, id, actor, nowIso);
        await recordAudit(trx, {
          actor,
          action: saveAction(draft.status, before.status),
          subject: { type: 'article', id },
          before: { headline: before.headline, status: before.status, slug: before.slug },
          after: { headline: clean.headline, status: draft.status, slug },
          at: now,
        });
        await followUp(trx, id);
      });
      events.publish({ type: 'article.changed', articleId: id });
    },

    formatForImport(markdowns) {
      return new FormattedBodies(markdowns, markdown);
    },

    async importFeaturedImage(id, url, options = {}) {
      const write = (trx: Transaction<Database>) => wq.updateArticle(trx, id, { featured_image_url: url.slice(0, FEATURED_URL_LIMIT) });
      if (options.within) return write(options.within);
      await db.transaction().execute(async (trx) => {
        await write(trx);
        await followUp(trx, id);
      });
      events.publish({ type: 'article.changed', articleId: id });
    },

    deferIndexesForImport: (options) => deferPlainIndexesWhileEmpty(options.within, caps, 'articles'),

    async restoreRevision(id, revisionId, actor) {
      const now = clock.now();
      const nowIso = now.toISOString();
      // Revisions never change once written, so the text is formatted before the transaction opens.
      const saved = await findRevision(db, id, revisionId);
      if (!saved) throw new NotFound('There is no such revision of this article.');
      const bodyHtml = await markdown.render(saved.body_markdown);
      await transact({ wanted: saved.slug, chosen: false }, async (trx) => {
        const rev = await findRevision(trx, id, revisionId);
        const before = await findEditable(trx, id);
        if (!rev || !before) throw new NotFound('There is no such revision of this article.');
        const slug = await chooseSlug(trx, { wanted: rev.slug, headline: rev.headline, articleId: id, mode: 'editor' });
        await wq.updateArticle(trx, id, {
          headline: rev.headline,
          dek: rev.dek,
          slug,
          body_markdown: rev.body_markdown,
          body_html: bodyHtml,
          updated_at: nowIso,
        });
        await indexForSearch(trx, id);
        await keepRevision(trx, id, actor, nowIso);
        await recordAudit(trx, {
          actor,
          action: 'article.restore-revision',
          subject: { type: 'article', id },
          reason: `revision #${revisionId}`,
          before: { headline: before.headline, slug: before.slug },
          after: { headline: rev.headline, slug },
          at: now,
        });
        await followUp(trx, id);
      });
      events.publish({ type: 'article.changed', articleId: id });
    },
  };
}
