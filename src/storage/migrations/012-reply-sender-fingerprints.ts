import type { Kysely } from 'kysely';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { textFingerprint } from '../../lib/reader-text.js';

/**
 * Duplicates are compared by meaning, not bytes (issue 7, finding 15):
 *
 * - `body_fingerprint`: a hash of the reply's folded text (NFKC, case, spacing and invisible
 *   characters set aside), indexed with the article and sender, so the duplicate check is one
 *   indexed lookup however the copy was disguised.
 * - The keyed email hash now drops a `+tag` and applies NFKC (src/lib/keyed-hash.ts). Existing
 *   hashes are rewritten from the stored address (`name@anonymous.invalid` when the reply had no
 *   email), so a sender's old replies still count for the "known author" rule, flood control and
 *   the desk's sender history.
 *
 * Both are computed here for existing replies, in batches.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('replies')
    .addColumn('body_fingerprint', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('replies_duplicate_lookup')
    .on('replies')
    .columns(['article_id', 'author_email_hash', 'body_fingerprint'])
    .execute();

  const secretRow = await db.selectFrom('settings').select('value').where('key', '=', 'site_secret').executeTakeFirst();
  const secret = secretRow ? (JSON.parse(secretRow.value as string) as string) : undefined;
  for (let after = 0; ;) {
    const rows: { id: number; author_email: string; author_name: string; author_email_hash: string; body: string }[] = await db
      .selectFrom('replies')
      .select(['id', 'author_email', 'author_name', 'author_email_hash', 'body'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      // No secret means no reply was hashed by this site (an import would have made one).
      const hash = secret ? emailFingerprint(secret, row.author_email || `${row.author_name}@anonymous.invalid`) : row.author_email_hash;
      await db
        .updateTable('replies')
        .set({ body_fingerprint: textFingerprint(row.body), ...(hash !== row.author_email_hash ? { author_email_hash: hash } : {}) })
        .where('id', '=', row.id)
        .execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}
