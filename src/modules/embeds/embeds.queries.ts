import type { Executor } from '../../storage/db.js';
import type { EmbedPageRow } from './embeds.table.js';

/** The embedded page with this address. */
export function findByUrl(db: Executor, url: string): Promise<EmbedPageRow | undefined> {
  return db.selectFrom('embed_pages').selectAll().where('url', '=', url).executeTakeFirst();
}

/** The embedded page whose thread is this article. */
export function findByArticleId(db: Executor, articleId: number): Promise<EmbedPageRow | undefined> {
  return db.selectFrom('embed_pages').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

/** How many pages a site has threads for. */
export async function countForOrigin(db: Executor, origin: string): Promise<number> {
  const row = await db
    .selectFrom('embed_pages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('origin', '=', origin)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records a page (its article row already written in the same transaction). */
export async function insertPage(db: Executor, row: Omit<EmbedPageRow, 'id'>): Promise<void> {
  await db.insertInto('embed_pages').values(row).execute();
}

/** The sites that have at least one page, alphabetically (the desk's filter). */
export async function listOrigins(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('embed_pages').select('origin').distinct().orderBy('origin').execute();
  return rows.map((r) => r.origin);
}

/** An embedded page by id. */
export function findById(db: Executor, id: number): Promise<EmbedPageRow | undefined> {
  return db.selectFrom('embed_pages').selectAll().where('id', '=', id).executeTakeFirst();
}
