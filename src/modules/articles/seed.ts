import { Conflict } from '../../lib/errors.js';
import type { ArticlesService } from './articles.service.js';
import { demoArticle } from './demo-article.js';

/**
 * On an empty database, publishes the demo article. Returns whether it did. Several nodes starting
 * at once on a new database race here; the demo's fixed slug lets exactly one of them win.
 */
export async function publishDemoArticleIfEmpty(articles: Pick<ArticlesService, 'count' | 'create'>): Promise<boolean> {
  if ((await articles.count()) > 0) return false;
  try {
    await articles.create(demoArticle, { exactSlug: true });
    return true;
  } catch (error) {
    if (error instanceof Conflict) return false;
    throw error;
  }
}
