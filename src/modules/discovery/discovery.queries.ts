import type { Executor } from '../../storage/db.js';
import { publicArticleStatuses } from '../articles/index.js';

/** Public stories: what every list shows (published, or scheduled and due; stories, not standing pages). */
function publicStories(db: Executor, nowIso: string) {
  return db
    .selectFrom('articles')
    .where('articles.status', 'in', publicArticleStatuses)
    .where('articles.published_at', '<=', nowIso)
    .where('articles.kind', '=', 'article');
}

/** How many public stories there are. */
export async function countPublicStories(db: Executor, nowIso: string): Promise<number> {
  const row = await publicStories(db, nowIso)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * One slice of the public stories' addresses, oldest first (a story stays in its chunk as new ones
 * come). In publication order, the listing index's own, so a chunk is read from the index in order.
 */
export function storyAddresses(db: Executor, nowIso: string, offset: number, limit: number) {
  return publicStories(db, nowIso)
    .select(['articles.slug', 'articles.updated_at'])
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The public stories published since `sinceIso`, newest first, at most `limit`. */
export function storiesSince(db: Executor, nowIso: string, sinceIso: string, limit: number) {
  return (
    publicStories(db, nowIso)
      .select(['articles.slug', 'articles.headline', 'articles.published_at'])
      .where('articles.published_at', '>=', sinceIso)
      // The id too, so the order is the listing index's own (read backwards, no sort).
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute()
  );
}

/** Tags some article carries (an unused tag's page is empty: no search engine needs it). */
function usedTags(db: Executor) {
  return db
    .selectFrom('tags')
    .where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_tags.tag_id').whereRef('article_tags.tag_id', '=', 'tags.id')));
}

/** How many tags are in use. */
export async function countUsedTags(db: Executor): Promise<number> {
  const row = await usedTags(db)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One slice of the used tags' addresses. */
export function tagAddresses(db: Executor, offset: number, limit: number) {
  return usedTags(db).select(['tags.slug']).orderBy('tags.id').limit(limit).offset(offset).execute();
}
