import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { presentArticle } from '../../../modules/articles/index.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams } from './reply-form.schema.js';
import { urls } from '../../urls.js';
import { FrontPage } from '../../views/front-page.js';
import { ListingPage } from '../../views/listing-page.js';
import { renderDocument } from '../../views/render.js';

const html = 'text/html; charset=utf-8';

/** The front page, section pages and tag pages. */
/** The services the listing pages use. */
export const listingNeeds = ['articles'] as const;

export async function listingRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof listingNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/', async (_request, reply) => {
    const [articles, siteChrome] = await Promise.all([container.articles.latest({ limit: 20 }), chrome.load()]);
    return reply.type(html).send(renderDocument(<FrontPage chrome={siteChrome} articles={articles.map(presentArticle)} />));
  });

  r.get('/section/:slug', { schema: { params: ArticleParams } }, async (request, reply) => {
    const section = await container.articles.section(request.params.slug);
    const [articles, siteChrome] = await Promise.all([container.articles.latest({ sectionSlug: section.slug, limit: 50 }), chrome.load()]);
    return reply
      .type(html)
      .send(
        renderDocument(
          <ListingPage
            chrome={siteChrome}
            kind="Section"
            name={section.name}
            path={urls.section(section.slug)}
            sectionSlug={section.slug}
            articles={articles.map(presentArticle)}
          />,
        ),
      );
  });

  r.get('/tag/:slug', { schema: { params: ArticleParams } }, async (request, reply) => {
    const tag = await container.articles.tag(request.params.slug);
    const [articles, siteChrome] = await Promise.all([container.articles.latest({ tagSlug: tag.slug, limit: 50 }), chrome.load()]);
    return reply
      .type(html)
      .send(
        renderDocument(
          <ListingPage chrome={siteChrome} kind="Tag" name={tag.name} path={urls.tag(tag.slug)} articles={articles.map(presentArticle)} />,
        ),
      );
  });
}
