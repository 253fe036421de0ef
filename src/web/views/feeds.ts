import { Feed } from 'feed';
import { escapeHtml } from '../../lib/html.js';
import type { Article } from '../../modules/articles/index.js';
import type { Reply, SiteReplyItem } from '../../modules/replies/index.js';
import { renderReplyText } from '../../modules/replies/index.js';
import { urls } from '../urls.js';

/** The site's identity as feeds state it. */
export interface FeedSite {
  siteTitle: string;
  siteUrl: string;
}

/** The three formats Gazette publishes. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * A plain-text field (a headline, a dek, a reader's name) as the format carries it. RSS titles and
 * descriptions and Atom's `type="html"` title and summary are read as HTML by feed readers, so
 * text goes in escaped; JSON Feed's `title` and `summary` are plain text by its spec and stay as typed.
 */
function textField(text: string, format: FeedFormat): string {
  return format === 'json' ? text : escapeHtml(text);
}

/** The feed's own title and description: HTML to RSS readers, plain text in Atom (no `type`) and JSON Feed. */
function channelText(text: string, format: FeedFormat): string {
  return format === 'rss' ? escapeHtml(text) : text;
}

/**
 * A category. Atom requires `term`, and the feed library writes attribute values without
 * escaping `&` or `<` (a tag named "R&D" would make the XML ill-formed), so Atom gets the slug as
 * the term and a label escaped here; the library then escapes only its quotes.
 */
function category(c: { slug: string; name: string }, format: FeedFormat) {
  return format === 'atom'
    ? { term: c.slug, name: c.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') }
    : { name: c.name };
}

function serialise(feed: Feed, format: FeedFormat): string {
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

/** The site feed: the latest articles, in RSS 2.0, Atom 1.0 or JSON Feed 1. No email anywhere. */
export function siteFeed(site: FeedSite, articles: Article[], format: FeedFormat): string {
  const newest = articles[0]?.publishedAt ?? new Date(0);
  const feed = new Feed({
    id: site.siteUrl + '/',
    title: channelText(site.siteTitle, format),
    description: channelText(`The latest from ${site.siteTitle}`, format),
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
      title: textField(a.headline, format),
      link,
      date: a.updatedAt,
      published: a.publishedAt ?? a.updatedAt,
      description: textField(a.dek, format),
      // Already HTML: rendered from Markdown and sanitised.
      content: a.bodyHtml,
      author: [{ name: a.author.name }],
      category: [category(a.section, format), ...a.tags.map((t) => category(t, format))],
    });
  }
  return serialise(feed, format);
}

/** A replies feed's own identity: what it is of, where it lives, and its date when it is empty. */
interface RepliesChannel {
  id: string;
  title: string;
  link: string;
  selfHref: string;
  emptyUpdated: Date;
}

/** A reply as a replies feed lists it: the reply, the story it answers and the title of its item. */
interface FedReply {
  reply: Reply;
  articleSlug: string;
  title: string;
}

/** A feed of replies (newest first, at most 50): names and text, never emails. */
function repliesFeed(site: FeedSite, channel: RepliesChannel, items: FedReply[], format: FeedFormat): string {
  const newestFirst = [...items].sort((a, b) => b.reply.createdAt.getTime() - a.reply.createdAt.getTime());
  const feed = new Feed({
    id: channel.id,
    title: channelText(channel.title, format),
    description: channelText(`Reader replies on ${site.siteTitle}`, format),
    link: channel.link,
    language: 'en',
    updated: newestFirst[0]?.reply.createdAt ?? channel.emptyUpdated,
    generator: 'Gazette',
    copyright: `© ${site.siteTitle} and the repliers`,
    feedLinks: { rss: channel.selfHref },
  });
  for (const { reply: r, articleSlug, title } of newestFirst.slice(0, 50)) {
    const replyLink = site.siteUrl + urls.replyAnchor(articleSlug, r.id);
    feed.addItem({
      id: replyLink,
      title: textField(title, format),
      link: replyLink,
      date: r.createdAt,
      content: renderReplyText(r.body),
      author: [{ name: r.authorName }],
    });
  }
  return serialise(feed, format);
}

/** An article's replies feed (approved replies only, newest first): names and text, never emails. */
export function articleRepliesFeed(site: FeedSite, article: Article, replies: Reply[], format: FeedFormat): string {
  const link = site.siteUrl + urls.article(article.slug);
  const channel = {
    id: link + '#replies',
    title: `Replies to “${article.headline}”`,
    link,
    selfHref: site.siteUrl + urls.articleRepliesFeed(article.slug),
    emptyUpdated: article.updatedAt,
  };
  const items = replies.map((reply) => ({ reply, articleSlug: article.slug, title: `By ${reply.authorName}` }));
  return repliesFeed(site, channel, items, format);
}

/** The site's replies feed: the newest approved replies across its stories, each titled with the story it answers. */
export function siteRepliesFeed(site: FeedSite, replies: SiteReplyItem[], format: FeedFormat): string {
  const channel = {
    id: site.siteUrl + urls.siteRepliesFeed(),
    title: `Replies on ${site.siteTitle}`,
    link: site.siteUrl + '/',
    selfHref: site.siteUrl + urls.siteRepliesFeed(),
    emptyUpdated: new Date(0),
  };
  const items = replies.map((reply) => ({
    reply,
    articleSlug: reply.articleSlug,
    title: `${reply.authorName} on “${reply.articleHeadline}”`,
  }));
  return repliesFeed(site, channel, items, format);
}
