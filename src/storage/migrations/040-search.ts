import { sql, type Kysely } from 'kysely';
import { searchDocumentOf } from '../../lib/search-document.js';
import type { Capabilities } from '../capabilities.js';

/**
 * Full-text search (issue 14). Articles: one plain-text document per article
 * (`article_search_documents`: headline, dek, body words, tag names, section name), written by the
 * article writer in the transaction of every save; the engine's index follows that table by itself.
 * Replies: indexed straight from the `replies` table. SQLite: FTS5 tables with the Porter stemmer,
 * kept by triggers. PostgreSQL: a generated, weighted `tsvector` column and GIN indexes (English).
 */
export async function up(db: Kysely<any>, caps: Capabilities): Promise<void> {
  await db.schema
    .createTable('article_search_documents')
    .addColumn('article_id', 'integer', (col) => col.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('headline', 'text', (col) => col.notNull())
    .addColumn('dek', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('section', 'text', (col) => col.notNull())
    .execute();
  await engines[caps.fullText.engine](db);
  await backfill(db);
}

const engines = {
  async fts5(db: Kysely<any>) {
    const tokenize = `tokenize = 'porter unicode61 remove_diacritics 2'`;
    // External-content tables: the text lives once, in its own table; FTS5 keeps only the index.
    await sql
      .raw(
        `create virtual table article_search using fts5(headline, dek, body, tags, section,
          content = 'article_search_documents', content_rowid = 'article_id', ${tokenize})`,
      )
      .execute(db);
    const columns = 'headline, dek, body, tags, section';
    const values = (row: string) =>
      columns
        .split(', ')
        .map((c) => `${row}.${c}`)
        .join(', ');
    await sql
      .raw(
        `create trigger article_search_insert after insert on article_search_documents begin
          insert into article_search(rowid, ${columns}) values (new.article_id, ${values('new')});
        end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger article_search_delete after delete on article_search_documents begin
          insert into article_search(article_search, rowid, ${columns}) values ('delete', old.article_id, ${values('old')});
        end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger article_search_update after update on article_search_documents begin
          insert into article_search(article_search, rowid, ${columns}) values ('delete', old.article_id, ${values('old')});
          insert into article_search(rowid, ${columns}) values (new.article_id, ${values('new')});
        end`,
      )
      .execute(db);

    await sql
      .raw(`create virtual table reply_search using fts5(body, author_name, content = 'replies', content_rowid = 'id', ${tokenize})`)
      .execute(db);
    await sql
      .raw(
        `create trigger reply_search_insert after insert on replies begin
          insert into reply_search(rowid, body, author_name) values (new.id, new.body, new.author_name);
        end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger reply_search_delete after delete on replies begin
          insert into reply_search(reply_search, rowid, body, author_name) values ('delete', old.id, old.body, old.author_name);
        end`,
      )
      .execute(db);
    // Only a change of the indexed text touches the index (a status change, the common update, does not).
    await sql
      .raw(
        `create trigger reply_search_update after update of body, author_name on replies begin
          insert into reply_search(reply_search, rowid, body, author_name) values ('delete', old.id, old.body, old.author_name);
          insert into reply_search(rowid, body, author_name) values (new.id, new.body, new.author_name);
        end`,
      )
      .execute(db);
    await sql.raw(`insert into reply_search(reply_search) values ('rebuild')`).execute(db);
  },

  async tsvector(db: Kysely<any>) {
    await sql
      .raw(
        `alter table article_search_documents add column document tsvector generated always as (
          setweight(to_tsvector('english'::regconfig, headline), 'A') ||
          setweight(to_tsvector('english'::regconfig, dek), 'B') ||
          setweight(to_tsvector('english'::regconfig, tags || ' ' || section), 'C') ||
          setweight(to_tsvector('english'::regconfig, body), 'D')) stored`,
      )
      .execute(db);
    await sql.raw(`create index article_search_documents_document on article_search_documents using gin (document)`).execute(db);
    // The expression postgres-full-text.ts `replyMatches` uses, word for word.
    await sql
      .raw(`create index replies_search on replies using gin (to_tsvector('english'::regconfig, body || ' ' || author_name))`)
      .execute(db);
  },
};

/** Articles written before this migration, a batch at a time (a large site's bodies need not all sit in memory). */
async function backfill(db: Kysely<any>): Promise<void> {
  const batch = 500;
  for (let after = 0; ;) {
    const articles: { id: number; headline: string; dek: string; body_html: string; section: string }[] = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.headline', 'articles.dek', 'articles.body_html', 'sections.name as section'])
      .where('articles.id', '>', after)
      .orderBy('articles.id')
      .limit(batch)
      .execute();
    if (articles.length === 0) return;
    const tags: { article_id: number; name: string }[] = await db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where(
        'article_tags.article_id',
        'in',
        articles.map((a) => a.id),
      )
      .orderBy('article_tags.position')
      .execute();
    await db
      .insertInto('article_search_documents')
      .values(
        articles.map((a) => ({
          article_id: a.id,
          ...searchDocumentOf({
            headline: a.headline,
            dek: a.dek,
            bodyHtml: a.body_html,
            section: a.section,
            tags: tags.filter((t) => t.article_id === a.id).map((t) => t.name),
          }),
        })),
      )
      .execute();
    after = articles[articles.length - 1]!.id;
  }
}

export async function down(db: Kysely<any>, caps: Capabilities): Promise<void> {
  if (caps.fullText.engine === 'fts5') {
    for (const trigger of ['reply_search_insert', 'reply_search_delete', 'reply_search_update'])
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
    await sql.raw('drop table if exists reply_search').execute(db);
    await sql.raw('drop table if exists article_search').execute(db);
  } else {
    await sql.raw('drop index if exists replies_search').execute(db);
  }
  await db.schema.dropTable('article_search_documents').execute();
}
