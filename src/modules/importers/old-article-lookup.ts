import type { Executor } from '../../storage/db.js';
import { normaliseOldPath } from './legacy-keys.js';
import { articleIdBySlug } from './importers.queries.js';
import { findLegacyKey } from './legacy-keys.queries.js';
import { feedOf, withoutDecorations } from './old-links.js';

/**
 * The imported article an old address names, whatever its status (old-links.ts answers readers,
 * and only with public ones): `?p=ID` or `?page_id=ID`, the exact old path, or its last segment
 * as an old slug, with WordPress's decorations (`/feed/`, `/amp/`, `/comment-page-2/`) taken off;
 * also Gazette's own `/articles/slug`. Undefined when nothing matches. Disqus threads find their
 * article this way.
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
    if (id && /^[1-9]\d{0,18}$/.test(id)) {
      const key = await findLegacyKey(db, 'wp-post', id);
      if (key) return key.target_id;
    }
  }
  const all = normaliseOldPath(url.pathname)
    .split('/')
    .filter((s) => s !== '');
  const segments = withoutDecorations(feedOf(all)?.of ?? all);
  if (segments.length === 0) return undefined;
  const exact = await findLegacyKey(db, 'wp-path', `/${segments.join('/')}`);
  if (exact) return exact.target_id;
  const bySlug = await findLegacyKey(db, 'wp-slug', segments.at(-1)!);
  if (bySlug) return bySlug.target_id;
  if (segments.length === 2 && segments[0] === 'articles') {
    return articleIdBySlug(db, segments[1]!);
  }
  return undefined;
}
