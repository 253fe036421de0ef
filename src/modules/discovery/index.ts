export {
  createDiscoveryService,
  NEWS_SITEMAP_HOURS,
  NEWS_SITEMAP_LIMIT,
  SITEMAP_CHUNK_LIMIT,
  type DiscoveryDeps,
  type DiscoveryService,
  type SitemapChunks,
} from './discovery.service.js';
