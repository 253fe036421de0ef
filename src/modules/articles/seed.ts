import { Conflict } from '../../lib/errors.js';
import type { ArticleWriter } from './article-writer.js';
import type { WriterActor } from './articles.js';
import type { ArticlesService } from './articles.service.js';
import { demoArticle } from './demo-article.js';

/** Who the audit trail names for the demo article: no person, the site's first start. */
export const SEED_ACTOR: WriterActor = { id: null, name: 'Gazette setup' };

/**
 * On an empty database, publishes the demo article. Returns whether it did. Several nodes starting
 * at once on a new database race here; the demo's fixed slug lets exactly one of them win.
 *
 * It is written in the writer's import mode, which is what it is: an article written elsewhere,
 * with its own date (2024-10-28), address and byline, not one a newsroom member writes now.
 */
export async function publishDemoArticleIfEmpty(site: {
  articles: Pick<ArticlesService, 'count'>;
  articleWriter: Pick<ArticleWriter, 'importArticle'>;
}): Promise<boolean> {
  if ((await site.articles.count()) > 0) return false;
  try {
    await site.articleWriter.importArticle(demoArticle, SEED_ACTOR);
    return true;
  } catch (error) {
    // The address is taken: another node seeded first (its check and ours both saw an empty site).
    if (error instanceof Conflict) return false;
    throw error;
  }
}
