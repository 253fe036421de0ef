import type { Kysely } from 'kysely';

/**
 * Indexes that let every list of stories read its page in order and stop (issue 12, "cost that
 * grows gently"): the front page, section, tag and author pages, the feeds, the news sitemap and
 * the API's article list ask for public stories newest first, `LIMIT n`. With only
 * `(status, published_at)`, `status IN (…)` made both planners read every public story and sort
 * them (a temporary B-tree over the whole table in SQLite, a Sort in PostgreSQL), so the front page
 * cost grew with the archive.
 *
 * Each index starts with the columns a list fixes by equality (`kind`, and the section or the
 * byline), then the order it reads in (`published_at`, then `id` as the tie-break), so the planner
 * walks it backwards from "now" and stops after `LIMIT` rows; `status` is checked on the rows read.
 * The front page puts sticky stories first, hence its own index with `sticky` before the date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // `status` last: the sitemap index counts public stories from this index alone (a covering read).
  await db.schema.createIndex('articles_listing').on('articles').columns(['kind', 'published_at', 'id', 'status']).execute();
  await db.schema.createIndex('articles_front').on('articles').columns(['kind', 'sticky', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_section_listing').on('articles').columns(['section_id', 'kind', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_author_listing').on('articles').columns(['author_id', 'kind', 'published_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['articles_listing', 'articles_front', 'articles_section_listing', 'articles_author_listing'])
    await db.schema.dropIndex(name).execute();
}
