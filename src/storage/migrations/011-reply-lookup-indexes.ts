import type { Kysely } from 'kysely';

/**
 * The duplicate check runs on every posted reply and names the article and the author's keyed
 * hash: without this index it walked every reply of the article, so posting slowed as a
 * discussion grew.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('replies_article_author').on('replies').columns(['article_id', 'author_email_hash']).execute();
}
