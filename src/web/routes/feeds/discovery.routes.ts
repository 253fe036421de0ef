import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../../../lib/html.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { urls } from '../../urls.js';

/** `/sitemap.xml` (sitemaps.org 0.9: the front page, sections and published articles) and `/robots.txt`. */
/** The services the sitemap and robots.txt use. */
export const discoveryNeeds = ['articles', 'config'] as const;

export async function discoveryRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof discoveryNeeds>>): Promise<void> {
  const { siteUrl } = container.config;

  app.get('/sitemap.xml', async (_request, reply) => {
    const [articles, sections] = await Promise.all([container.articles.latest({ limit: 5000 }), container.articles.sections()]);
    // Only absolute URLs we build ourselves, escaped: the format is a flat list, no library needed.
    const entry = (path: string, lastmod?: Date) =>
      `<url><loc>${escapeHtml(siteUrl + path)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      entry(urls.home(), articles[0]?.updatedAt),
      ...sections.map((s) => entry(urls.section(s.slug))),
      ...articles.map((a) => entry(urls.article(a.slug), a.updatedAt)),
      '</urlset>',
    ].join('\n');
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`User-agent: *\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: ${siteUrl}/sitemap.xml\n`),
  );
}
