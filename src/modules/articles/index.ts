export type {
  Article,
  ArticleInput,
  ArticleKind,
  ImportedRevision,
  ArticleStatus,
  Byline,
  FeaturedImage,
  Section,
  Tag,
  WriterActor,
} from './articles.js';
export { acceptsReplies, isPublic, publicArticleStatuses } from './articles.js';
export { createArticlesService, findArticleWithin, type ArticlesService } from './articles.service.js';
export { createArticleWriter, type ArticleWriter, type ArticleWriterDeps } from './article-writer.js';
export type { FormattedBodies } from './formatted-bodies.js';
export { SCHEDULER_ACTOR, type StatusAction } from './article-status.js';
export { publishDemoArticleIfEmpty, SEED_ACTOR } from './seed.js';
export { demoArticle } from './demo-article.js';
export { EXTERNAL_SECTION } from './articles.queries.js';
export { ownImagePath, presentArticle, replyCountLabel, type ArticleView } from './articles.present.js';
export { ensureByline } from './bylines.js';
export { importByline, importSection, importTag, type ImportedCatalogueEntry } from './catalogue-import.js';
export { createEditorialService, type EditorialService } from './editorial.service.js';
export {
  parseTags,
  type ArticleDraft,
  type ArticleListLine,
  type EditableArticle,
  type EditorActor,
  type EditorStatus,
  type Revision,
} from './editorial.js';
export {
  ARTICLE_BODY_LIMIT,
  createMarkdownRenderer,
  withInlineImages,
  type InlineImage,
  type InlineImageLookup,
  type MarkdownRenderer,
  type MarkdownRendererOptions,
} from './markdown.js';
