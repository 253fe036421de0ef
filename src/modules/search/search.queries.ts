import { compiledStatement } from '../../storage/compiled-statements.js';
import type { Executor } from '../../storage/db.js';
import type { FullText, FullTextTerms } from '../../storage/full-text.js';
import type { SearchDocument } from '../../lib/search-document.js';
import { publicArticleStatuses } from '../articles/index.js';

/** What an article's search document is made from, as it stands in this transaction. */
export async function documentSource(
  db: Executor,
  articleId: number,
): Promise<{ headline: string; dek: string; bodyHtml: string; section: string; tags: string[] } | undefined> {
  const article = await documentArticle.first(db, { articleId });
  if (!article) return undefined;
  const tags = await documentTags.rows(db, { articleId });
  return {
    headline: article.headline,
    dek: article.dek,
    bodyHtml: article.body_html,
    section: article.section,
    tags: tags.map((t) => t.name),
  };
}

/** Writes an article's search document, replacing the one before (the engine's index follows by itself). */
export async function saveDocument(db: Executor, articleId: number, document: SearchDocument): Promise<void> {
  const { headline, dek, body, tags, section } = document;
  await documentUpsert.rows(db, { articleId, headline, dek, body, tags, section });
}

// Every save of an article runs these (an import, one per post): compiled once (compiled-statements.ts).
const documentArticle = compiledStatement((db, p: { articleId: number }) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.headline', 'articles.dek', 'articles.body_html', 'sections.name as section'])
    .where('articles.id', '=', p.articleId),
);
const documentTags = compiledStatement((db, p: { articleId: number }) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', p.articleId)
    .orderBy('article_tags.position'),
);
const documentUpsert = compiledStatement((db, p: SearchDocument & { articleId: number }) =>
  db
    .insertInto('article_search_documents')
    .values({ article_id: p.articleId, headline: p.headline, dek: p.dek, body: p.body, tags: p.tags, section: p.section })
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet({ headline: p.headline, dek: p.dek, body: p.body, tags: p.tags, section: p.section }),
    ),
);

/** A matching article a reader may see, as the results list shows it. */
export interface RankedArticleRow {
  id: number;
  slug: string;
  headline: string;
  published_at: string;
  section_slug: string;
  section_name: string;
  byline_name: string;
  rank: number;
}

/**
 * The public stories matching `terms`, best first; among equal matches the newer first. Public
 * means what every list shows (published, or scheduled and due; stories, not standing pages), so
 * an article leaves the results the moment it is unpublished or trashed, whatever the index holds.
 */
export function rankedPublicArticles(
  db: Executor,
  fullText: FullText,
  terms: FullTextTerms,
  nowIso: string,
  page: { limit: number; offset: number },
): Promise<RankedArticleRow[]> {
  return (
    db
      .selectFrom(fullText.articleHits(terms).as('hits'))
      // CROSS JOIN keeps the matches as SQLite's outer loop (its planner otherwise may scan every
      // public article and probe the matches); PostgreSQL plans it as the inner join it is.
      .crossJoin('articles')
      .whereRef('articles.id', '=', 'hits.article_id')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .innerJoin('authors', 'authors.id', 'articles.author_id')
      .select([
        'articles.id',
        'articles.slug',
        'articles.headline',
        'articles.published_at',
        'sections.slug as section_slug',
        'sections.name as section_name',
        'authors.display_name as byline_name',
        'hits.rank',
      ])
      .where('articles.status', 'in', publicArticleStatuses)
      .where('articles.published_at', '<=', nowIso)
      .where('articles.kind', '=', 'article')
      .orderBy('hits.rank', 'desc')
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute() as Promise<RankedArticleRow[]>
  );
}
