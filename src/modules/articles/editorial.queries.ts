import type { Executor } from '../../storage/db.js';
import type { ArticleStatus } from './articles.js';

/** An article with everything the editor needs, Markdown included. */
export function findEditable(db: Executor, id: number) {
  return db
    .selectFrom('articles')
    .innerJoin('authors', 'authors.id', 'articles.author_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.headline',
      'articles.dek',
      'articles.slug',
      'articles.body_markdown',
      'articles.status',
      'articles.published_at',
      'articles.replies_open',
      'articles.author_id',
      'articles.featured_media_id',
      'articles.featured_alt',
      'articles.created_at',
      'articles.updated_at',
      'authors.display_name as author_name',
      'sections.name as section_name',
    ])
    .where('articles.id', '=', id)
    .executeTakeFirst();
}

/** Tag names of one article, in the order they were typed. */
export async function tagNames(db: Executor, articleId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', articleId)
    .orderBy('article_tags.position')
    .orderBy('tags.name')
    .execute();
  return rows.map((r) => r.name);
}

/** The newsroom's list: any status, newest change first, optionally one author's or one status. */
export function listForNewsroom(db: Executor, filter: { status?: ArticleStatus; authorId?: number; limit: number }) {
  let query = db
    .selectFrom('articles')
    .innerJoin('authors', 'authors.id', 'articles.author_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.headline',
      'articles.slug',
      'articles.status',
      'articles.author_id',
      'articles.published_at',
      'articles.updated_at',
      'authors.display_name as author_name',
      'sections.name as section_name',
    ])
    // Other sites' pages are the desk's business, not the editor's.
    .where('articles.kind', '!=', 'external');
  if (filter.status) query = query.where('articles.status', '=', filter.status);
  else query = query.where('articles.status', '!=', 'trash');
  if (filter.authorId !== undefined) query = query.where('articles.author_id', '=', filter.authorId);
  return query.orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc').limit(filter.limit).execute();
}

/** How many articles have each status (optionally one author's). */
export async function countByStatus(db: Executor, authorId?: number): Promise<Record<ArticleStatus, number>> {
  let query = db
    .selectFrom('articles')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('kind', '!=', 'external')
    .groupBy('status');
  if (authorId !== undefined) query = query.where('author_id', '=', authorId);
  const counts: Record<ArticleStatus, number> = { draft: 0, scheduled: 0, published: 0, trash: 0 };
  for (const r of await query.execute()) counts[r.status] = Number(r.n);
  return counts;
}

/** An article's versions, newest first. */
export function listRevisions(db: Executor, articleId: number) {
  return db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').limit(200).execute();
}

/** One version of an article. */
export function findRevision(db: Executor, articleId: number, revisionId: number) {
  return db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).where('id', '=', revisionId).executeTakeFirst();
}
