import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context.js';

/** Rows re-written per round trip: small enough for one statement each, few enough round trips. */
const BATCH = 500;

/**
 * Commenter emails encrypted at rest (issue 13): every reply's `author_email` stored before now,
 * in plain text, is sealed with the site's email key (src/lib/email-cipher.ts). Matching already
 * goes through `author_email_hash`, which stays as it is. Values already sealed (`gz1:`) and empty
 * ones are left alone, so a migration interrupted half-way simply carries on.
 */
export async function up(db: Kysely<any>, _caps: unknown, context: MigrationContext): Promise<void> {
  let seal: ((email: string) => string) | undefined;
  for (let after = 0; ;) {
    const rows: { id: number; author_email: string }[] = await db
      .selectFrom('replies')
      .select(['id', 'author_email'])
      .where('id', '>', after)
      .where('author_email', '<>', '')
      .where('author_email', 'not like', 'gz1:%')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    if (!context.sealEmail) {
      throw new Error('commenter emails are stored in plain text and no email key was given to seal them; run `gazette migrate`');
    }
    seal ??= await context.sealEmail(db);
    for (const row of rows) {
      await db
        .updateTable('replies')
        .set({ author_email: seal(row.author_email) })
        .where('id', '=', row.id)
        .execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}
