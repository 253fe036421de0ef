import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/** Article revisions, uploaded images, and an article's featured image. */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const autoId = (name: string) =>
    [name, caps.autoIdType, (col: any) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey())] as const;

  await db.schema
    .createTable('media')
    .addColumn(...autoId('id'))
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('original_name', 'text', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    // JSON list of the files made from the upload: [{ file, width, format }].
    .addColumn('variants_json', 'text', (col) => col.notNull())
    .addColumn('uploaded_by', 'integer')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema.alterTable('articles').addColumn('featured_media_id', 'integer').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('featured_alt', 'text', (col) => col.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn(...autoId('id'))
    .addColumn('article_id', 'integer', (col) => col.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('dek', 'text', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('body_markdown', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('user_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_article').on('article_revisions').columns(['article_id', 'id']).execute();
}
