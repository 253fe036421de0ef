import type { Feed } from 'feed';
import { escapeHtml } from '../../lib/html.js';
import type { Article } from '../../modules/articles/index.js';
import type { Reply, SiteReplyItem } from '../../modules/replies/index.js';
import { replyHtml } from '../../modules/replies/index.js';
import { urls } from '../urls.js';

/** The feed library (and its XML writer), loaded with the first feed asked for: pages never need it (issue 12, "Footprint"). */
let feedLibrary: Promise<typeof Feed> | undefined;
function loadFeed(): Promise<typeof Feed> {
  feedLibrary ??= import('feed').then((module) => module.Feed);
  return feedLibrary;
}

/** The site's identity as feeds state it. */
export interface FeedSite {
  siteTitle: string;
  siteUrl: string;
  /** The site settings' description; empty: "The latest from …". */
  description?: string;
  /** A BCP 47 tag (site settings); default `en`. */
  language?: string;
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

function serialise(feed: Feed, format: FeedFormat, language: string): string {
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : jsonFeed11(feed.json1(), language);
}

/** A JSON Feed author object, as the feed library writes one. */
type JsonAuthor = { name?: string; url?: string; avatar?: string };

/**
 * The feed library writes JSON Feed version 1; Gazette publishes version 1.1
 * (https://www.jsonfeed.org/version/1.1/): the version URL, `language` (the site's BCP 47 tag),
 * and `authors` arrays, which replace the deprecated single `author` at the top and on each item.
 */
function jsonFeed11(version1: string, language: string): string {
  const feed = JSON.parse(version1) as Record<string, unknown> & {
    author?: JsonAuthor;
    items?: (Record<string, unknown> & { author?: JsonAuthor })[];
  };
  const withAuthors = <T extends { author?: JsonAuthor }>(o: T) => {
    const { author, ...rest } = o;
    return author ? { ...rest, authors: [author] } : rest;
  };
  // Spread first, so the 1.1 version URL replaces the library's.
  return JSON.stringify(
    { ...withAuthors(feed), version: 'https://jsonfeed.org/version/1.1', language, items: (feed.items ?? []).map(withAuthors) },
    null,
    2,
  );
}

/**
 * What a feed of stories is of: the whole site, or one section or tag (its name, its page, and its
 * own feed addresses per format).
 */
export interface StoriesChannel {
  name: string;
  path: string;
  feedPaths: Record<FeedFormat, string>;
}

/** The site feed: the latest articles, in RSS 2.0, Atom 1.0 or JSON Feed 1.1. No email anywhere. */
export function siteFeed(site: FeedSite, articles: Article[], format: FeedFormat): Promise<string> {
  return storiesFeed(site, undefined, articles, format);
}

/** A section's or a tag's feed: its latest articles, in any of the three formats. */
export function channelFeed(site: FeedSite, channel: StoriesChannel, articles: Article[], format: FeedFormat): Promise<string> {
  return storiesFeed(site, channel, articles, format);
}

async function storiesFeed(site: FeedSite, channel: StoriesChannel | undefined, articles: Article[], format: FeedFormat): Promise<string> {
  const Feed = await loadFeed();
  const newest = articles[0]?.publishedAt ?? new Date(0);
  const title = channel ? `${channel.name} – ${site.siteTitle}` : site.siteTitle;
  const link = site.siteUrl + (channel?.path ?? '/');
  const feedPaths = channel?.feedPaths ?? { rss: urls.feed(), atom: urls.atomFeed(), json: urls.jsonFeed() };
  const feed = new Feed({
    id: link,
    title: channelText(title, format),
    description: channelText(
      channel ? `The latest in ${channel.name} from ${site.siteTitle}` : site.description || `The latest from ${site.siteTitle}`,
      format,
    ),
    link,
    language: site.language ?? 'en',
    updated: newest,
    generator: 'Gazette',
    copyright: `© ${site.siteTitle}`,
    feedLinks: { rss: site.siteUrl + feedPaths.rss, atom: site.siteUrl + feedPaths.atom, json: site.siteUrl + feedPaths.json },
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
  return serialise(feed, format, site.language ?? 'en');
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
  /** Where the reply is read: its anchor on the article, or on the other site's page that embeds it. */
  link: string;
  title: string;
}

/** A feed of replies (newest first, at most 50): names and text, never emails. */
async function repliesFeed(site: FeedSite, channel: RepliesChannel, items: FedReply[], format: FeedFormat): Promise<string> {
  const Feed = await loadFeed();
  const newestFirst = [...items].sort((a, b) => b.reply.createdAt.getTime() - a.reply.createdAt.getTime());
  const feed = new Feed({
    id: channel.id,
    title: channelText(channel.title, format),
    description: channelText(`Reader replies on ${site.siteTitle}`, format),
    link: channel.link,
    language: site.language ?? 'en',
    updated: newestFirst[0]?.reply.createdAt ?? channel.emptyUpdated,
    generator: 'Gazette',
    copyright: `© ${site.siteTitle} and the repliers`,
    feedLinks: { rss: channel.selfHref },
  });
  for (const { reply: r, link: replyLink, title } of newestFirst.slice(0, 50)) {
    feed.addItem({
      id: replyLink,
      title: textField(title, format),
      link: replyLink,
      date: r.createdAt,
      content: replyHtml(r),
      author: [{ name: r.authorName }],
    });
  }
  return serialise(feed, format, site.language ?? 'en');
}

/** An article's replies feed (approved replies only, newest first): names and text, never emails. */
export function articleRepliesFeed(site: FeedSite, article: Article, replies: Reply[], format: FeedFormat): Promise<string> {
  const link = site.siteUrl + urls.article(article.slug);
  const channel = {
    id: link + '#replies',
    title: `Replies to “${article.headline}”`,
    link,
    selfHref: site.siteUrl + urls.articleRepliesFeed(article.slug),
    emptyUpdated: article.updatedAt,
  };
  const items = replies.map((reply) => ({
    reply,
    link: site.siteUrl + urls.replyAnchor(article.slug, reply.id),
    title: `By ${reply.authorName}`,
  }));
  return repliesFeed(site, channel, items, format);
}

/**
 * The replies feed of a page on another site (issue 15): links lead to that page, where the
 * thread is read; the feed itself lives here.
 */
export function externalPageRepliesFeed(
  site: FeedSite,
  page: { url: string; title: string; createdAt: Date },
  selfHref: string,
  replies: Reply[],
  format: FeedFormat,
): Promise<string> {
  const channel = { id: selfHref, title: `Replies to “${page.title}”`, link: page.url, selfHref, emptyUpdated: page.createdAt };
  const items = replies.map((reply) => ({ reply, link: `${page.url}#reply-${reply.id}`, title: `By ${reply.authorName}` }));
  return repliesFeed(site, channel, items, format);
}

/** The site's replies feed: the newest approved replies across its stories, each titled with the story it answers. */
export function siteRepliesFeed(site: FeedSite, replies: SiteReplyItem[], format: FeedFormat): Promise<string> {
  const channel = {
    id: site.siteUrl + urls.siteRepliesFeed(),
    title: `Replies on ${site.siteTitle}`,
    link: site.siteUrl + '/',
    selfHref: site.siteUrl + urls.siteRepliesFeed(),
    emptyUpdated: new Date(0),
  };
  const items = replies.map((reply) => ({
    reply,
    link: site.siteUrl + urls.replyAnchor(reply.articleSlug, reply.id),
    title: `${reply.authorName} on “${reply.articleHeadline}”`,
  }));
  return repliesFeed(site, channel, items, format);
}
