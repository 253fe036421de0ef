export type { Article, ArticleInput, Byline, FeaturedImage, Section, Tag } from './articles.js';
export { acceptsReplies, isPublic } from './articles.js';
export { createArticlesService, type ArticlesService } from './articles.service.js';
export { publishDemoArticleIfEmpty } from './seed.js';
export { demoArticle } from './demo-article.js';
export { presentArticle, replyCountLabel, type ArticleView } from './articles.present.js';
export { ensureByline } from './bylines.js';
export { createEditorialService, type EditorialService } from './editorial.service.js';
export { parseTags, type ArticleDraft, type ArticleListLine, type EditableArticle, type EditorActor, type EditorStatus, type Revision } from './editorial.js';
