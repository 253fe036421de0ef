import type { Executor } from '../../storage/db.js';
import { normaliseOldPath } from './legacy-keys.js';
import { findLegacyKey } from './legacy-keys.queries.js';

/** Path segments that end an old article link without naming it (a feed, an AMP copy, a page of comments). */
const trailingExtras = /\/(?:feed(?:\/[a-z0-9]+)?|amp|comment-page-\d+|page\/\d+)$/;

/**
 * The imported article an old address names, whatever its status: `?p=ID` or `?page_id=ID`, the
 * exact old path, or its last segment as an old slug; also Gazette's own `/articles/slug`.
 * Undefined when nothing matches. Disqus threads find their article this way.
 */
export async function articleForOldUrl(db: Executor, address: string): Promise<number | undefined> {
  let url: URL;
  try {
    url = new URL(address, 'http://old.invalid');
  } catch {
    return undefined;
  }
  for (const name of ['p', 'page_id']) {
    const id = url.searchParams.get(name);
    if (id && /^\d{1,19}$/.test(id)) {
      const key = await findLegacyKey(db, 'wp-post', id);
      if (key) return key.target_id;
    }
  }
  const path = normaliseOldPath(url.pathname).replace(trailingExtras, '') || '/';
  if (path === '/') return undefined;
  const exact = await findLegacyKey(db, 'wp-path', path);
  if (exact) return exact.target_id;
  const last = path.slice(path.lastIndexOf('/') + 1);
  const bySlug = await findLegacyKey(db, 'wp-slug', last);
  if (bySlug) return bySlug.target_id;
  const own = /^\/articles\/([^/]+)$/.exec(path);
  if (own) return (await db.selectFrom('articles').select('id').where('slug', '=', own[1]!).executeTakeFirst())?.id;
  return undefined;
}
