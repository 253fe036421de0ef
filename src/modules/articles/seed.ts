import type { ArticlesService } from './articles.service.js';
import { demoArticle } from './demo-article.js';

/** On an empty database, publishes the demo article. Returns whether it did. */
export async function publishDemoArticleIfEmpty(articles: Pick<ArticlesService, 'count' | 'create'>): Promise<boolean> {
  if ((await articles.count()) > 0) return false;
  await articles.create(demoArticle);
  return true;
}
