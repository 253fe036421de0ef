import type { Insertable } from 'kysely';
import { compiledStatement, type CompiledStatement } from '../../storage/compiled-statements.js';
import type { Executor } from '../../storage/db.js';
import type { ArticleStatus } from './articles.js';
import type { ArticleRevisionsTable, ArticleUpdate, NewArticleRow } from './articles.table.js';

// The queries only the article writer (article-writer.ts, article-status.ts) runs: every change to
// articles, their tags and revisions goes through there.

/*
 * Sections and tags are looked up before they are made: nearly every save (and every post of an
 * import) names ones that exist, so one statement, compiled once (compiled-statements.ts), not an
 * insert that does nothing and then a look-up. A name made by another writer in between is taken
 * by the insert's `on conflict do nothing` and found by the second look-up.
 */
const sectionIdBySlug = compiledStatement((db, p: { slug: string }) => db.selectFrom('sections').select('id').where('slug', '=', p.slug));
const sectionInsert = compiledStatement((db, p: { slug: string; name: string }) =>
  db
    .insertInto('sections')
    .values({ slug: p.slug, name: p.name, position: 0 })
    .onConflict((oc) => oc.column('slug').doNothing()),
);
const tagIdBySlug = compiledStatement((db, p: { slug: string }) => db.selectFrom('tags').select('id').where('slug', '=', p.slug));
const tagInsert = compiledStatement((db, p: { slug: string; name: string }) =>
  db
    .insertInto('tags')
    .values({ slug: p.slug, name: p.name })
    .onConflict((oc) => oc.column('slug').doNothing()),
);

/** The id of the section with this slug, creating it (named `name`) when missing. */
export function ensureSection(db: Executor, slug: string, name: string): Promise<number> {
  return idMadeWhenMissing(db, sectionIdBySlug, sectionInsert, { slug, name });
}

/** The id of the tag with this slug, creating it when missing. */
export function ensureTag(db: Executor, slug: string, name: string): Promise<number> {
  return idMadeWhenMissing(db, tagIdBySlug, tagInsert, { slug, name });
}

/** Looks the slug up; when missing, makes the row (or finds another writer's) and looks again. */
async function idMadeWhenMissing(
  db: Executor,
  find: CompiledStatement<{ slug: string }, { id: number }>,
  make: CompiledStatement<{ slug: string; name: string }, unknown>,
  named: { slug: string; name: string },
): Promise<number> {
  const found = await find.first(db, named);
  if (found) return found.id;
  await make.rows(db, named);
  const made = await find.first(db, named);
  if (!made) throw new Error(`no row for slug ${JSON.stringify(named.slug)} after inserting it`);
  return made.id;
}

/** The id of the author with this slug, creating them when missing. */
export async function ensureAuthor(db: Executor, slug: string, name: string, bio: string, nowIso: string): Promise<number> {
  await db
    .insertInto('authors')
    .values({ slug, display_name: name, bio, created_at: nowIso })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  return (await db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** Whether a byline (authors row) with this id exists. */
export async function authorExists(db: Executor, id: number): Promise<boolean> {
  return (await authorById.first(db, { id })) !== undefined;
}

/** The id of the article using `slug`, if any. */
export async function articleWithSlug(db: Executor, slug: string): Promise<number | undefined> {
  return (await articleIdBySlug.first(db, { slug }))?.id;
}

// Asked on every save (an import, once per post): compiled once.
const authorById = compiledStatement((db, p: { id: number }) => db.selectFrom('authors').select('id').where('id', '=', p.id));
const articleIdBySlug = compiledStatement((db, p: { slug: string }) => db.selectFrom('articles').select('id').where('slug', '=', p.slug));

/** Inserts an article and returns its id. */
export async function insertArticle(db: Executor, row: NewArticleRow): Promise<number> {
  const { id } = await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes an article's columns. */
export async function updateArticle(db: Executor, id: number, patch: ArticleUpdate): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
}

/**
 * Moves an article to `to`, only when its status is one of `from`; returns whether it did. The
 * condition sits in the UPDATE, so of two people trashing one article at once only one changes it.
 */
export async function moveStatus(
  db: Executor,
  id: number,
  from: readonly ArticleStatus[],
  to: ArticleStatus,
  nowIso: string,
): Promise<boolean> {
  const rows = await db
    .updateTable('articles')
    .set({ status: to, updated_at: nowIso })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Flips scheduled articles whose time has come to `published`; returns their ids. One UPDATE, so
 * when several nodes run it at once each article flips exactly once (a row updated by one is no
 * longer `scheduled` for the others).
 */
export async function publishDue(db: Executor, nowIso: string): Promise<number[]> {
  const rows = await db
    .updateTable('articles')
    .set({ status: 'published', updated_at: nowIso })
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', nowIso)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Replaces an article's tags, keeping their order. */
export async function replaceTags(db: Executor, articleId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length > 0)
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
}

/** Stores one saved version. */
export async function insertRevision(db: Executor, row: SavedVersion): Promise<void> {
  await revisionInsert.rows(db, row);
}

/** A saved version as every save writes it. */
export type SavedVersion = Pick<
  Insertable<ArticleRevisionsTable>,
  'article_id' | 'headline' | 'dek' | 'slug' | 'body_markdown' | 'status' | 'user_id' | 'user_name' | 'created_at'
>;

// Every save writes one: compiled once.
const revisionInsert = compiledStatement((db, p: SavedVersion) =>
  db.insertInto('article_revisions').values({
    article_id: p.article_id,
    headline: p.headline,
    dek: p.dek,
    slug: p.slug,
    body_markdown: p.body_markdown,
    status: p.status,
    user_id: p.user_id,
    user_name: p.user_name,
    created_at: p.created_at,
  }),
);

/** Replaces an article's saved versions with `rows` (an import bringing the article's own history). */
export async function replaceRevisions(db: Executor, articleId: number, rows: Insertable<ArticleRevisionsTable>[]): Promise<void> {
  await db.deleteFrom('article_revisions').where('article_id', '=', articleId).execute();
  // In slices: PostgreSQL and SQLite both cap the parameters of one statement.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('article_revisions')
      .values(rows.slice(i, i + 100))
      .execute();
}
