import type { Kysely } from 'kysely';
import type { Capabilities } from '../capabilities.js';

/** Settings, authors, sections, articles, tags and replies. */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  const autoId = (name: string) =>
    [name, caps.autoIdType, (col: any) => (caps.autoIdNeedsAutoIncrement ? col.primaryKey().autoIncrement() : col.primaryKey())] as const;

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('authors')
    .addColumn(...autoId('id'))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('bio', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn(...autoId('id'))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn(...autoId('id'))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('dek', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body_markdown', 'text', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    .addColumn('author_id', 'integer', (col) => col.notNull().references('authors.id'))
    .addColumn('section_id', 'integer', (col) => col.notNull().references('sections.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('replies_open', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_section').on('articles').columns(['section_id', 'published_at']).execute();

  await db.schema
    .createTable('tags')
    .addColumn(...autoId('id'))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (col) => col.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (col) => col.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

  await db.schema
    .createTable('replies')
    .addColumn(...autoId('id'))
    .addColumn('article_id', 'integer', (col) => col.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (col) => col.references('replies.id').onDelete('set null'))
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('author_email', 'text', (col) => col.notNull())
    .addColumn('author_email_hash', 'text', (col) => col.notNull())
    .addColumn('author_url', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('replies_article_status').on('replies').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('replies_author_status').on('replies').columns(['author_email_hash', 'status']).execute();
  await db.schema.createIndex('replies_ip_created').on('replies').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('replies_status_created').on('replies').columns(['status', 'created_at']).execute();
}
