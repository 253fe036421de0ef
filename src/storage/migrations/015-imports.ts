import type { Kysely } from 'kysely';

/**
 * What moving in from another system needs (issue 9):
 *
 * - `articles.kind`: 'article' (the paper's stories, listed and fed) or 'page' (a standing page
 *   such as About or Contact: answered at its address, never listed). WordPress pages import as
 *   pages.
 * - `articles.sticky`: 1 for a story kept at the top of the front page (WordPress's sticky posts).
 * - `articles.featured_image_url`: a featured image kept where it was (an import downloads
 *   nothing); '' for none. An uploaded one stays `featured_media_id`.
 * - `replies.legacy_anchor`: the fragment an old link used for this reply (`comment-12` on
 *   WordPress, `comment-<id>` on Disqus), so `…#comment-12` still lands on it; '' for none.
 * - `legacy_keys`: the map from another system's identifiers (a WordPress post id, an old slug,
 *   a category's slug, a Disqus thread…) to the Gazette row that took its place. Old links are
 *   answered from it and a second run of the same import finds what it already wrote;
 *   `digest` says what the item looked like then, so an unchanged one is skipped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('article'))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('sticky', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('featured_image_url', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('replies')
    .addColumn('legacy_anchor', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('legacy_keys')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('legacy_id', 'text', (col) => col.notNull())
    .addColumn('target_id', 'integer', (col) => col.notNull())
    .addColumn('digest', 'text', (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('legacy_keys_pk', ['kind', 'legacy_id'])
    .execute();
  await db.schema.createIndex('legacy_keys_target').on('legacy_keys').columns(['kind', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legacy_keys').execute();
  for (const [table, column] of [
    ['articles', 'kind'],
    ['articles', 'sticky'],
    ['articles', 'featured_image_url'],
    ['replies', 'legacy_anchor'],
  ]) {
    await db.schema.alterTable(table!).dropColumn(column!).execute();
  }
}
