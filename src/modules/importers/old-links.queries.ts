import { publicArticleStatuses } from '../articles/index.js';
import type { Executor } from '../../storage/db.js';
import type { LegacyKind } from './legacy-keys.js';

/**
 * The current slug of the article an old identifier names, if readers can see it at `nowIso`
 * (a draft, a trashed or unpublished article, a page not yet public: undefined). One indexed
 * lookup: the map's primary key, then the article's.
 */
export async function publicArticleSlugByKey(
  db: Executor,
  kind: Extract<LegacyKind, 'wp-post' | 'wp-slug' | 'wp-path' | 'disqus-thread'>,
  legacyId: string,
  nowIso: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('legacy_keys')
    .innerJoin('articles', 'articles.id', 'legacy_keys.target_id')
    .select('articles.slug')
    .where('legacy_keys.kind', '=', kind)
    .where('legacy_keys.legacy_id', '=', legacyId)
    .where('articles.status', 'in', [...publicArticleStatuses])
    .where('articles.published_at', '<=', nowIso)
    .executeTakeFirst();
  return row?.slug;
}

/** The current slug of the section an old category slug names, else of a section with that very slug. */
export async function sectionSlugByKey(db: Executor, legacyId: string): Promise<string | undefined> {
  const mapped = await db
    .selectFrom('legacy_keys')
    .innerJoin('sections', 'sections.id', 'legacy_keys.target_id')
    .select('sections.slug')
    .where('legacy_keys.kind', '=', 'wp-category')
    .where('legacy_keys.legacy_id', '=', legacyId)
    .executeTakeFirst();
  if (mapped) return mapped.slug;
  return (await db.selectFrom('sections').select('slug').where('slug', '=', legacyId).executeTakeFirst())?.slug;
}

/** The current slug of the tag an old tag slug names, else of a tag with that very slug. */
export async function tagSlugByKey(db: Executor, legacyId: string): Promise<string | undefined> {
  const mapped = await db
    .selectFrom('legacy_keys')
    .innerJoin('tags', 'tags.id', 'legacy_keys.target_id')
    .select('tags.slug')
    .where('legacy_keys.kind', '=', 'wp-tag')
    .where('legacy_keys.legacy_id', '=', legacyId)
    .executeTakeFirst();
  if (mapped) return mapped.slug;
  return (await db.selectFrom('tags').select('slug').where('slug', '=', legacyId).executeTakeFirst())?.slug;
}

/** The current slug of the byline an old author login names, else of a byline with that very slug. */
export async function authorSlugByKey(db: Executor, legacyId: string): Promise<string | undefined> {
  const mapped = await db
    .selectFrom('legacy_keys')
    .innerJoin('authors', 'authors.id', 'legacy_keys.target_id')
    .select('authors.slug')
    .where('legacy_keys.kind', '=', 'wp-author')
    .where('legacy_keys.legacy_id', '=', legacyId)
    .executeTakeFirst();
  if (mapped) return mapped.slug;
  return (await db.selectFrom('authors').select('slug').where('slug', '=', legacyId).executeTakeFirst())?.slug;
}
