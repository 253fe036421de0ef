import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/**
 * Pages on other sites that embed a reply thread (issue 15). Each is backed by an article row of
 * kind `external` (so replies, rules, the desk, feeds and the audit trail work unchanged); this
 * table keeps what only an external page has: its canonical address and the site it lives on.
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('embed_pages')
    .addColumn('id', caps.autoIdType, (col) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey()))
    .addColumn('article_id', 'integer', (col) => col.notNull().unique().references('articles.id').onDelete('cascade'))
    .addColumn('origin', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  // The desk filters by site and the per-site limit counts a site's pages.
  await db.schema.createIndex('embed_pages_origin').on('embed_pages').column('origin').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('embed_pages').execute();
}
