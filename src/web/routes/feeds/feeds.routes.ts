import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams } from '../reader/reply-form.schema.js';
import { pageTags } from '../../plugins/page-cache.js';
import { urls } from '../../urls.js';
import { articleRepliesFeed, channelFeed, siteFeed, siteRepliesFeed, type FeedFormat } from '../../views/feeds.js';

const contentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The services the feeds use. */
export const feedNeeds = ['articles', 'replies', 'config', 'site'] as const;

/** RSS, Atom and JSON Feed 1.1 for the site and for each section and tag, an RSS feed of each article's replies and one of the whole site's. */
export async function feedRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof feedNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The site settings in force (the page cache drops feeds when they change).
  const feedSite = async () => {
    const s = await container.site.current();
    return { siteTitle: s.title, siteUrl: container.config.siteUrl, description: s.description, language: s.language };
  };

  const paths: Record<FeedFormat, string> = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' };
  for (const format of Object.keys(paths) as FeedFormat[]) {
    r.get(paths[format], async (_request, reply) => {
      const [site, articles] = await Promise.all([feedSite(), container.articles.latest({ limit: 30 })]);
      return reply
        .type(contentTypes[format])
        .cacheTags(articles.map((a) => pageTags.article(a.id)))
        .send(await siteFeed(site, articles, format));
    });
  }

  // A section's and a tag's own feeds, in each format, linked from their pages.
  const formats = Object.keys(paths) as FeedFormat[];
  for (const format of formats) {
    const file = urls.sectionFeed('x', format).slice('/section/x/'.length);
    r.get(`/section/:slug/${file}`, { schema: { params: ArticleParams } }, async (request, reply) => {
      const section = await container.articles.section(request.params.slug);
      const [site, articles] = await Promise.all([feedSite(), container.articles.latest({ sectionSlug: section.slug, limit: 30 })]);
      const feedPaths = Object.fromEntries(formats.map((f) => [f, urls.sectionFeed(section.slug, f)])) as Record<FeedFormat, string>;
      const channel = { name: section.name, path: urls.section(section.slug), feedPaths };
      return reply.type(contentTypes[format]).send(await channelFeed(site, channel, articles, format));
    });
    r.get(`/tag/:slug/${file}`, { schema: { params: ArticleParams } }, async (request, reply) => {
      const tag = await container.articles.tag(request.params.slug);
      const [site, articles] = await Promise.all([feedSite(), container.articles.latest({ tagSlug: tag.slug, limit: 30 })]);
      const feedPaths = Object.fromEntries(formats.map((f) => [f, urls.tagFeed(tag.slug, f)])) as Record<FeedFormat, string>;
      const channel = { name: tag.name, path: urls.tag(tag.slug), feedPaths };
      return reply.type(contentTypes[format]).send(await channelFeed(site, channel, articles, format));
    });
  }

  r.get('/replies/feed.xml', async (_request, reply) => {
    const [site, replies] = await Promise.all([feedSite(), container.replies.recentApproved(50)]);
    return reply
      .type(contentTypes.rss)
      .cacheTags([pageTags.replies])
      .send(await siteRepliesFeed(site, replies, 'rss'));
  });

  r.get('/articles/:slug/replies/feed.xml', { schema: { params: ArticleParams } }, async (request, reply) => {
    const article = await container.articles.getPublished(request.params.slug);
    const [site, replies] = await Promise.all([feedSite(), container.replies.visibleFor(article.id, [])]);
    return reply
      .type(contentTypes.rss)
      .cacheTags([pageTags.article(article.id)])
      .send(await articleRepliesFeed(site, article, replies, 'rss'));
  });
}
