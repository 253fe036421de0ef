import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { urls } from '../../urls.js';
import { newsSitemapXml, sitemapIndexXml, urlSetXml } from '../../views/sitemaps.js';
import { positiveIntegerOf } from '../reader/reply-form.schema.js';

/** The services the sitemaps and robots.txt use. */
export const discoveryNeeds = ['articles', 'discovery', 'config', 'site'] as const;

const xml = 'application/xml; charset=utf-8';
/** A chunk file's number, as its name carries it (`articles-3.xml`). */
const ChunkParams = Type.Object({ chunk: Type.String({ maxLength: 40 }) });

/** Which chunk a file name asks for; a name that is not `<n>.xml` asks for none (a 404). */
function chunkNumber(name: string): number {
  return positiveIntegerOf(/^([0-9]+)\.xml$/.exec(name)?.[1]) ?? 0;
}

/**
 * `/sitemap.xml`, a sitemap index (sitemaps.org 0.9) of chunk files of at most 50,000 addresses:
 * the front page, sections and standing pages; the stories; the tags; and a Google News sitemap of
 * the last 48 hours. And `/robots.txt`, naming the index.
 */
export async function discoveryRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof discoveryNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { siteUrl } = container.config;

  // The sitemaps list articles, sections, tags and their dates, never replies: tagged with nothing, an
  // approved reply keeps them cached (an article's change drops every page).
  r.get('/sitemap.xml', async (_request, reply) =>
    reply
      .type(xml)
      .cacheTags([])
      .send(sitemapIndexXml(siteUrl, await container.discovery.chunks())),
  );

  r.get(urls.sitemapPages(), async (_request, reply) => {
    const [latest, sections, pages] = await Promise.all([
      container.articles.latest({ limit: 1 }),
      container.articles.sections(),
      container.articles.pages(),
    ]);
    const entries = [
      { path: urls.home(), lastmod: latest[0]?.updatedAt },
      ...sections.map((s) => ({ path: urls.section(s.slug) })),
      ...pages.map((p) => ({ path: urls.article(p.slug), lastmod: p.updatedAt })),
    ];
    return reply.type(xml).cacheTags([]).send(urlSetXml(siteUrl, entries));
  });

  r.get('/sitemaps/articles-:chunk', { schema: { params: ChunkParams } }, async (request, reply) => {
    const stories = await container.discovery.articleChunk(chunkNumber(request.params.chunk));
    return reply
      .type(xml)
      .cacheTags([])
      .send(
        urlSetXml(
          siteUrl,
          stories.map((s) => ({ path: urls.article(s.slug), lastmod: s.updatedAt })),
        ),
      );
  });

  r.get('/sitemaps/tags-:chunk', { schema: { params: ChunkParams } }, async (request, reply) => {
    const tags = await container.discovery.tagChunk(chunkNumber(request.params.chunk));
    return reply
      .type(xml)
      .cacheTags([])
      .send(
        urlSetXml(
          siteUrl,
          tags.map((t) => ({ path: urls.tag(t.slug) })),
        ),
      );
  });

  r.get(urls.sitemapNews(), async (_request, reply) => {
    const [settings, stories] = await Promise.all([container.site.current(), container.discovery.recentNews()]);
    return reply
      .type(xml)
      .cacheTags([])
      .send(newsSitemapXml({ siteUrl, siteTitle: settings.title, language: settings.language }, stories));
  });

  r.get('/robots.txt', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(`User-agent: *\nDisallow: /admin/\nDisallow: /api/\n\nSitemap: ${siteUrl}${urls.sitemap()}\n`),
  );
}
