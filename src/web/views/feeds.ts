import { Feed } from 'feed';
import type { Article } from '../../modules/articles/index.js';
import type { Reply } from '../../modules/replies/index.js';
import { renderReplyText } from '../../modules/replies/index.js';
import { urls } from '../urls.js';

/** The site's identity as feeds state it. */
export interface FeedSite {
  siteTitle: string;
  siteUrl: string;
}

/** The three formats Gazette publishes. */
export type FeedFormat = 'rss' | 'atom' | 'json';

function serialise(feed: Feed, format: FeedFormat): string {
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

/** The site feed: the latest articles, in RSS 2.0, Atom 1.0 or JSON Feed 1. No email anywhere. */
export function siteFeed(site: FeedSite, articles: Article[], format: FeedFormat): string {
  const newest = articles[0]?.publishedAt ?? new Date(0);
  const feed = new Feed({
    id: site.siteUrl + '/',
    title: site.siteTitle,
    description: `The latest from ${site.siteTitle}`,
    link: site.siteUrl + '/',
    language: 'en',
    updated: newest,
    generator: 'Gazette',
    copyright: `© ${site.siteTitle}`,
    feedLinks: { rss: site.siteUrl + urls.feed(), atom: site.siteUrl + urls.atomFeed(), json: site.siteUrl + urls.jsonFeed() },
  });
  for (const a of articles) {
    const link = site.siteUrl + urls.article(a.slug);
    feed.addItem({
      id: link,
      title: a.headline,
      link,
      date: a.updatedAt,
      published: a.publishedAt ?? a.updatedAt,
      description: a.dek,
      content: a.bodyHtml,
      author: [{ name: a.author.name }],
      category: [{ name: a.section.name }, ...a.tags.map((t) => ({ name: t.name }))],
    });
  }
  return serialise(feed, format);
}

/** An article's replies feed (approved replies only, newest first): names and text, never emails. */
export function articleRepliesFeed(site: FeedSite, article: Article, replies: Reply[], format: FeedFormat): string {
  const link = site.siteUrl + urls.article(article.slug);
  const newestFirst = [...replies].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const feed = new Feed({
    id: link + '#replies',
    title: `Replies to “${article.headline}”`,
    description: `Reader replies on ${site.siteTitle}`,
    link,
    language: 'en',
    updated: newestFirst[0]?.createdAt ?? article.updatedAt,
    generator: 'Gazette',
    copyright: `© ${site.siteTitle} and the repliers`,
    feedLinks: { rss: site.siteUrl + urls.articleRepliesFeed(article.slug) },
  });
  for (const r of newestFirst.slice(0, 50)) {
    const replyLink = site.siteUrl + urls.replyAnchor(article.slug, r.id);
    feed.addItem({
      id: replyLink,
      title: `By ${r.authorName}`,
      link: replyLink,
      date: r.createdAt,
      content: renderReplyText(r.body),
      author: [{ name: r.authorName }],
    });
  }
  return serialise(feed, format);
}
