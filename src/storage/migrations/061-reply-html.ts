import type { Kysely } from 'kysely';

/**
 * `replies.body_html`: the reply's text as HTML (src/modules/replies/reply-text.ts), made once when
 * the text is written, beside `body_fingerprint`, instead of on every render of the page (issue 12:
 * an article with 1,000 replies rendered 1,000 texts per uncached view). '' means "not made yet"
 * (rows from before this step): the page makes it from `body` as before, so no backfill is needed.
 * Should the renderer's output ever change, a migration sets the column back to ''.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('replies')
    .addColumn('body_html', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('replies').dropColumn('body_html').execute();
}
