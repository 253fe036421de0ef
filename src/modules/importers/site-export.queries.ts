import type { Executor } from '../../storage/db.js';

// What an export reads, one page at a time in id order (keyset: `id > last`, never OFFSET, so a
// page costs the same at the end of a large table as at its start).

/** Rows per page: small enough to keep memory flat, large enough to keep round trips few. */
export const PAGE_SIZE = 500;

/** Bylines after `afterId`. */
export function bylinesPage(db: Executor, afterId: number) {
  return db
    .selectFrom('authors')
    .select(['id', 'slug', 'display_name', 'bio', 'created_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(PAGE_SIZE)
    .execute();
}

/** Sections after `afterId`. */
export function sectionsPage(db: Executor, afterId: number) {
  return db
    .selectFrom('sections')
    .select(['id', 'slug', 'name', 'position'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(PAGE_SIZE)
    .execute();
}

/** Tags after `afterId`. */
export function tagsPage(db: Executor, afterId: number) {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', '>', afterId).orderBy('id').limit(PAGE_SIZE).execute();
}

/** Members after `afterId`: never their password hash. */
export function membersPage(db: Executor, afterId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'author_id', 'created_at', 'disabled_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(PAGE_SIZE)
    .execute();
}

/** Articles after `afterId`, every column that matters (not the formatted HTML: the reader formats again). */
export function articlesPage(db: Executor, afterId: number) {
  return db
    .selectFrom('articles')
    .select([
      'id',
      'slug',
      'headline',
      'dek',
      'body_markdown',
      'status',
      'kind',
      'sticky',
      'featured_image_url',
      'featured_alt',
      'replies_open',
      'published_at',
      'created_at',
      'updated_at',
      'author_id',
      'section_id',
    ])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(PAGE_SIZE)
    .execute();
}

/** The tags of these articles. */
export function tagsOfArticles(db: Executor, articleIds: number[]) {
  return db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .orderBy('tags.id')
    .execute();
}

/** The saved versions of these articles, oldest first. */
export function revisionsOfArticles(db: Executor, articleIds: number[]) {
  return db
    .selectFrom('article_revisions')
    .select(['article_id', 'headline', 'dek', 'slug', 'body_markdown', 'status', 'user_id', 'user_name', 'created_at'])
    .where('article_id', 'in', articleIds)
    .orderBy('article_id')
    .orderBy('id')
    .execute();
}

/** The pages on other sites that these (external) articles hold the threads of (issue 15). */
export function embedPagesOfArticles(db: Executor, articleIds: number[]) {
  return db
    .selectFrom('embed_pages')
    .select(['article_id', 'origin', 'url', 'title', 'created_at'])
    .where('article_id', 'in', articleIds)
    .execute();
}

/** Replies after `afterId`, with what only moderators see. */
export function repliesPage(db: Executor, afterId: number) {
  return db
    .selectFrom('replies')
    .select([
      'id',
      'article_id',
      'parent_id',
      'author_name',
      'author_email',
      'author_url',
      'body',
      'status',
      'created_at',
      'edited_at',
      'ip',
      'user_agent',
      'moderation_reason',
      'staff_user_id',
      'decision_status',
      'decision_reason',
      'decision_score',
      'legacy_anchor',
    ])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(PAGE_SIZE)
    .execute();
}

/** Old-link map entries after (`kind`, `legacyId`), in that order. */
export function legacyKeysPage(db: Executor, after: { kind: string; legacyId: string } | null) {
  let query = db.selectFrom('legacy_keys').selectAll();
  if (after)
    query = query.where((eb) =>
      eb.or([eb('kind', '>', after.kind as never), eb.and([eb('kind', '=', after.kind as never), eb('legacy_id', '>', after.legacyId)])]),
    );
  return query.orderBy('kind').orderBy('legacy_id').limit(PAGE_SIZE).execute();
}

/** What decides whether a site is empty enough to import into. */
export async function siteContents(db: Executor) {
  const count = async (table: 'articles' | 'replies' | 'legacy_keys') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const firstArticles = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'body_markdown', 'status'])
    .orderBy('id')
    .limit(2)
    .execute();
  const revisions = firstArticles[0]
    ? await db
        .selectFrom('article_revisions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', firstArticles[0].id)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return {
    articles: await count('articles'),
    replies: await count('replies'),
    legacyKeys: await count('legacy_keys'),
    firstArticle: firstArticles[0],
    firstArticleRevisions: Number(revisions.n),
  };
}
