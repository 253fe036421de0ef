import type { Kysely } from 'kysely';

/**
 * Tags keep the order the editor typed them in (issue 11, item 10): the first tag is usually the
 * story's main subject. Tags saved before this have position 0 and keep their alphabetical order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('article_tags')
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('article_tags').dropColumn('position').execute();
}
