import type { Kysely } from 'kysely';

/**
 * `replies_article_author` (article, author's keyed hash; step 011) is the first two columns of
 * `replies_duplicate_lookup` (step 012), which answers every query it did. Each reply written
 * paid for both (issue 12's reply POSTs: seven indexes and the search index per insert); now six.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('replies_article_author').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('replies_article_author').on('replies').columns(['article_id', 'author_email_hash']).execute();
}
