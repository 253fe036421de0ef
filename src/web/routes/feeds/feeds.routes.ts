import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams } from '../reader/reply-form.schema.js';
import { articleRepliesFeed, siteFeed, siteRepliesFeed, type FeedFormat } from '../../views/feeds.js';

const contentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The services the feeds use. */
export const feedNeeds = ['articles', 'replies', 'config'] as const;

/** RSS, Atom and JSON Feed for the site, an RSS feed of each article's replies and one of the whole site's. */
export async function feedRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof feedNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const site = { siteTitle: container.config.siteTitle, siteUrl: container.config.siteUrl };

  const paths: Record<FeedFormat, string> = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' };
  for (const format of Object.keys(paths) as FeedFormat[]) {
    r.get(paths[format], async (_request, reply) => {
      const articles = await container.articles.latest({ limit: 30 });
      return reply.type(contentTypes[format]).send(siteFeed(site, articles, format));
    });
  }

  r.get('/replies/feed.xml', async (_request, reply) => {
    const replies = await container.replies.recentApproved(50);
    return reply.type(contentTypes.rss).send(siteRepliesFeed(site, replies, 'rss'));
  });

  r.get('/articles/:slug/replies/feed.xml', { schema: { params: ArticleParams } }, async (request, reply) => {
    const article = await container.articles.getPublished(request.params.slug);
    const replies = await container.replies.visibleFor(article.id, []);
    return reply.type(contentTypes.rss).send(articleRepliesFeed(site, article, replies, 'rss'));
  });
}
