export type { EmbedPage } from './embeds.js';
export { DEFAULT_PAGES_PER_SITE, EMBED_ACTOR } from './embeds.js';
export { createEmbedPagesService, type EmbedPagesDeps, type EmbedPagesService, type ImportedEmbedPage } from './embeds.service.js';
export type { EmbedPageRow, EmbedPagesTable } from './embeds.table.js';
