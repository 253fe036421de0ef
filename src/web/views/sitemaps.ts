import { escapeHtml } from '../../lib/html.js';
import type { SitemapChunks } from '../../modules/discovery/index.js';
import { urls } from '../urls.js';

/*
 * Sitemaps (sitemaps.org protocol 0.9) and a Google News sitemap. Only absolute URLs Gazette builds
 * itself and headlines go in, each escaped: flat lists, no library needed.
 */

const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const newsNs = 'http://www.google.com/schemas/sitemap-news/0.9';

/** The sitemap index: every chunk file, which search engines then fetch one by one. */
export function sitemapIndexXml(siteUrl: string, chunks: SitemapChunks): string {
  const files = [
    urls.sitemapPages(),
    ...Array.from({ length: chunks.articles }, (_, i) => urls.sitemapArticles(i + 1)),
    ...Array.from({ length: chunks.tags }, (_, i) => urls.sitemapTags(i + 1)),
    urls.sitemapNews(),
  ];
  return [
    xmlHead,
    `<sitemapindex xmlns="${sitemapNs}">`,
    ...files.map((path) => `<sitemap><loc>${escapeHtml(siteUrl + path)}</loc></sitemap>`),
    '</sitemapindex>',
  ].join('\n');
}

/** One sitemap file: a list of addresses on this site, with their last change when known. */
export function urlSetXml(siteUrl: string, entries: { path: string; lastmod?: Date }[]): string {
  const entry = (path: string, lastmod?: Date) =>
    `<url><loc>${escapeHtml(siteUrl + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
  return [xmlHead, `<urlset xmlns="${sitemapNs}">`, ...entries.map((e) => entry(e.path, e.lastmod)), '</urlset>'].join('\n');
}

/**
 * The language a Google News sitemap names: an ISO 639 code, lower case, except Chinese, which
 * Google wants as `zh-cn` or `zh-tw` (its News sitemap documentation).
 */
export function newsLanguage(bcp47: string): string {
  const tag = bcp47.toLowerCase();
  if (tag.startsWith('zh')) return /-(tw|hk|mo|hant)\b/.test(tag) ? 'zh-tw' : 'zh-cn';
  return tag.split('-')[0] || 'en';
}

/** A Google News sitemap: the stories of the last 48 hours with publication, date and title. */
export function newsSitemapXml(
  site: { siteUrl: string; siteTitle: string; language: string },
  stories: { slug: string; headline: string; publishedAt: Date }[],
): string {
  const publication = `<news:publication><news:name>${escapeHtml(site.siteTitle)}</news:name><news:language>${escapeHtml(newsLanguage(site.language))}</news:language></news:publication>`;
  return [
    xmlHead,
    `<urlset xmlns="${sitemapNs}" xmlns:news="${newsNs}">`,
    ...stories.map(
      (s) =>
        `<url><loc>${escapeHtml(site.siteUrl + urls.article(s.slug))}</loc><news:news>${publication}` +
        `<news:publication_date>${s.publishedAt.toISOString()}</news:publication_date><news:title>${escapeHtml(s.headline)}</news:title></news:news></url>`,
    ),
    '</urlset>',
  ].join('\n');
}
