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
  /** The search page; with a query (and a page beyond the first), its results. */
  search: (query?: string, page = 1) => {
    if (query === undefined) return '/search';
    const params = new URLSearchParams({ q: query });
    if (page > 1) params.set('page', String(page));
    return `/search?${params.toString()}`;
  },
  sitemap: () => '/sitemap.xml',
  /** The front page, the sections and the standing pages. */
  sitemapPages: () => '/sitemaps/pages.xml',
  /** Chunk `n` (1-based) of the stories' addresses. */
  sitemapArticles: (n: number) => `/sitemaps/articles-${n}.xml`,
  sitemapTags: (n: number) => `/sitemaps/tags-${n}.xml`,
  /** The Google News sitemap: the last 48 hours' stories. */
  sitemapNews: () => '/sitemaps/news.xml',
  sectionFeed: (slug: string, format: 'rss' | 'atom' | 'json' = 'rss') =>
    `/section/${encodeURIComponent(slug)}/${format === 'rss' ? 'feed.xml' : format === 'atom' ? 'atom.xml' : 'feed.json'}`,
  tagFeed: (slug: string, format: 'rss' | 'atom' | 'json' = 'rss') =>
    `/tag/${encodeURIComponent(slug)}/${format === 'rss' ? 'feed.xml' : format === 'atom' ? 'atom.xml' : 'feed.json'}`,
  feed: () => '/feed.xml',
  atomFeed: () => '/atom.xml',
  jsonFeed: () => '/feed.json',
  /** The newest approved replies across the site (RSS). */
  siteRepliesFeed: () => '/replies/feed.xml',
  articleRepliesFeed: (slug: string) => `/articles/${encodeURIComponent(slug)}/replies/feed.xml`,
  /** The site's icon (site settings, or Gazette's own); `version` changes with it. */
  favicon: (version: string) => `/favicon.ico?v=${encodeURIComponent(version)}`,
  asset: (name: string, version: string) => `/assets/${name}?v=${version}`,
  /** The double opt-in's page (GET with `?token=`) and its form's target (POST). */
  notifyConfirm: (token?: string) => (token ? `/notify/confirm?token=${encodeURIComponent(token)}` : '/notify/confirm'),
  /** The unsubscribe link: a page on GET, the RFC 8058 one-click target on POST. */
  notifyUnsubscribe: (token: string) => `/notify/unsubscribe?token=${encodeURIComponent(token)}`,
  /** The privacy page: what is kept about a commenter, and the form asking for a verification link. */
  privacy: () => '/privacy',
  /** The verification link's page (GET with `?token=`). */
  privacyVerify: (token: string) => `/privacy/verify?token=${encodeURIComponent(token)}`,
  /** "Download my data" (POST, the token in the body). */
  privacyDownload: () => '/privacy/download',
  /** "Erase my data": the confirm step (GET with `?token=`) and the erasure (POST). */
  privacyErase: (token?: string) => (token ? `/privacy/erase?token=${encodeURIComponent(token)}` : '/privacy/erase'),
};
