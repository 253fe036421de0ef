/** Path builders: the one place that knows Gazette's public URL scheme. */
export const urls = {
  home: () => '/',
  article: (slug: string) => `/articles/${encodeURIComponent(slug)}`,
  articleReplies: (slug: string) => `/articles/${encodeURIComponent(slug)}/replies`,
  apiArticleReplies: (slug: string) => `/api/articles/${encodeURIComponent(slug)}/replies`,
  replyTo: (slug: string, replyId: number) => `/articles/${encodeURIComponent(slug)}?replytocom=${replyId}#respond`,
  replyAnchor: (slug: string, replyId: number) => `/articles/${encodeURIComponent(slug)}#reply-${replyId}`,
  section: (slug: string) => `/section/${encodeURIComponent(slug)}`,
  tag: (slug: string) => `/tag/${encodeURIComponent(slug)}`,
  author: (slug: string) => `/author/${encodeURIComponent(slug)}`,
  feed: () => '/feed.xml',
  atomFeed: () => '/atom.xml',
  jsonFeed: () => '/feed.json',
  /** The newest approved replies across the site (RSS). */
  siteRepliesFeed: () => '/replies/feed.xml',
  articleRepliesFeed: (slug: string) => `/articles/${encodeURIComponent(slug)}/replies/feed.xml`,
  asset: (name: string, version: string) => `/assets/${name}?v=${version}`,
};
