import type { Executor } from '../../storage/db.js';

// Reads an import makes to map old identifiers onto what the writers made; it writes nothing but
// legacy keys (legacy-keys.queries.ts): articles, replies and members go through their writers.

/** The id of the section with this slug, if any. */
export async function sectionIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/** The id of the tag with this slug, if any. */
export async function tagIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/** Whether an article with this id still exists (an imported one may have been deleted since). */
export async function articleStillExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Whether a reply with this id still exists. */
export async function replyStillExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('replies').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Which of these replies still exist (one query per few hundred ids). */
export async function existingReplyIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let at = 0; at < ids.length; at += 500) {
    const rows = await db
      .selectFrom('replies')
      .select('id')
      .where('id', 'in', ids.slice(at, at + 500))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** The byline of the article (to map an old author page onto it). */
export async function bylineOf(db: Executor, articleId: number): Promise<number | undefined> {
  return (await db.selectFrom('articles').select('author_id').where('id', '=', articleId).executeTakeFirst())?.author_id;
}

/** The id of the article at this address, whatever its status. */
export async function articleIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}
