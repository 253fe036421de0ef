import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { presentArticle, type Article } from '../../../modules/articles/index.js';
import { NotFound } from '../../../lib/errors.js';
import { redirectOldLink } from '../../old-link-redirects.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams, positiveIntegerOf } from './reply-form.schema.js';
import { urls } from '../../urls.js';
import { FrontPage } from '../../views/front-page.js';
import { ListingPage } from '../../views/listing-page.js';
import { renderDocument } from '../../views/render.js';
import { pageTags } from '../../plugins/page-cache.js';

const html = 'text/html; charset=utf-8';

/**
 * The front page's query: nothing of its own, but WordPress's `?p=12`, `?page_id=7` and
 * `?feed=rss2` links arrive here and are redirected when they name something.
 */
const FrontQuery = Type.Object({
  p: Type.Optional(Type.String()),
  page_id: Type.Optional(Type.String()),
  feed: Type.Optional(Type.String()),
});

/** Those old-link parameters as the page cache keys them: a well-formed one is its own entry (a 301 is never stored), anything else shares the plain page. */
const frontCacheQuery = {
  p: (value: string) => positiveIntegerOf(value)?.toString(),
  page_id: (value: string) => positiveIntegerOf(value)?.toString(),
  feed: (value: string) => (/^[a-z0-9-]{0,20}$/i.test(value) ? value.toLowerCase() : undefined),
};

/** The services the listing pages use. */
export const listingNeeds = ['articles', 'oldLinks'] as const;

/** The front page, section, tag and author pages. */
export async function listingRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof listingNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * Runs a listing whose name is not found; a WordPress slug that differs from Gazette's
   * (`/tag/<old-slug>`, `/author/<login>`) is an old link and redirected, anything else stays a 404.
   */
  async function orOldLink(request: FastifyRequest, reply: FastifyReply, load: () => Promise<string>): Promise<FastifyReply> {
    try {
      return reply.type(html).send(await load());
    } catch (error) {
      if (error instanceof NotFound && (await redirectOldLink(container.oldLinks, request, reply))) return reply;
      throw error;
    }
  }

  /** A section's or a tag's feeds, in the three formats. */
  const feedsOf = (feed: (format: 'rss' | 'atom' | 'json') => string) => [
    { title: 'RSS', href: feed('rss'), type: 'application/rss+xml' },
    { title: 'Atom', href: feed('atom'), type: 'application/atom+xml' },
    { title: 'JSON Feed', href: feed('json'), type: 'application/feed+json' },
  ];

  const listing = async (
    reply: FastifyReply,
    kind: 'Section' | 'Tag' | 'Author',
    name: string,
    path: string,
    articles: Promise<Article[]>,
    sectionSlug?: string,
    feeds?: { title: string; href: string; type: string }[],
  ) => {
    const [list, siteChrome] = await Promise.all([articles, chrome.load()]);
    reply.cacheTags(list.map((a) => pageTags.article(a.id)));
    return renderDocument(
      <ListingPage
        chrome={siteChrome}
        kind={kind}
        name={name}
        path={path}
        {...(sectionSlug ? { sectionSlug } : {})}
        {...(feeds ? { feeds } : {})}
        articles={list.map((a) => presentArticle(a, siteChrome.timeZone))}
      />,
    );
  };

  r.get('/', { schema: { querystring: FrontQuery }, config: { cacheQuery: frontCacheQuery } }, async (request, reply) => {
    const { p, page_id, feed } = request.query;
    if ((p !== undefined || page_id !== undefined || feed !== undefined) && (await redirectOldLink(container.oldLinks, request, reply))) {
      return reply;
    }
    const [articles, siteChrome] = await Promise.all([container.articles.latest({ limit: 20, stickyFirst: true }), chrome.load()]);
    return reply
      .type(html)
      .cacheTags(articles.map((a) => pageTags.article(a.id)))
      .send(renderDocument(<FrontPage chrome={siteChrome} articles={articles.map((a) => presentArticle(a, siteChrome.timeZone))} />));
  });

  r.get('/section/:slug', { schema: { params: ArticleParams } }, async (request, reply) => {
    const section = await container.articles.section(request.params.slug);
    const articles = container.articles.latest({ sectionSlug: section.slug, limit: 50 });
    return reply.type(html).send(
      await listing(
        reply,
        'Section',
        section.name,
        urls.section(section.slug),
        articles,
        section.slug,
        feedsOf((f) => urls.sectionFeed(section.slug, f)),
      ),
    );
  });

  r.get('/tag/:slug', { schema: { params: ArticleParams } }, async (request, reply) =>
    orOldLink(request, reply, async () => {
      const tag = await container.articles.tag(request.params.slug);
      return listing(
        reply,
        'Tag',
        tag.name,
        urls.tag(tag.slug),
        container.articles.latest({ tagSlug: tag.slug, limit: 50 }),
        undefined,
        feedsOf((f) => urls.tagFeed(tag.slug, f)),
      );
    }),
  );

  r.get('/author/:slug', { schema: { params: ArticleParams } }, async (request, reply) =>
    orOldLink(request, reply, async () => {
      const author = await container.articles.author(request.params.slug);
      return listing(
        reply,
        'Author',
        author.name,
        urls.author(author.slug),
        container.articles.latest({ authorSlug: author.slug, limit: 50 }),
      );
    }),
  );
}
