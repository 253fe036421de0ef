/** Path builders for the newsroom (everything under /admin). */
export const adminUrls = {
  home: () => '/admin',
  /** The sign-in page; `next` (an /admin path) is where to go afterwards. */
  signIn: (next?: string) => {
    const target = safeNext(next);
    return target !== '/admin' ? `/admin/sign-in?next=${encodeURIComponent(target)}` : '/admin/sign-in';
  },
  signOut: () => '/admin/sign-out',
  signOutEverywhere: () => '/admin/sign-out-everywhere',
  account: () => '/admin/account',
  /** The member's own choice of held-reply mail (each, a daily digest, none). */
  notificationSettings: () => '/admin/account/notifications',
  /** The member's API tokens (administrators also see everyone's live tokens there). */
  apiTokens: () => '/admin/account/api-tokens',
  /** The confirmation page (GET) and the revocation itself (POST). */
  revokeApiToken: (id: number) => `/admin/account/api-tokens/${id}/revoke`,
  webhooks: () => '/admin/webhooks',
  webhook: (id: number) => `/admin/webhooks/${id}`,
  /** `remove` has a confirmation page (GET) before the POST; the others are one POST each. */
  webhookAction: (id: number, action: 'disable' | 'enable' | 'test' | 'remove') => `/admin/webhooks/${id}/${action}`,
  setup: () => '/admin/setup',
  forgot: () => '/admin/forgot',
  reset: () => '/admin/reset',
  articles: (filter?: { status?: string }) =>
    filter?.status ? `/admin/articles?status=${encodeURIComponent(filter.status)}` : '/admin/articles',
  newArticle: () => '/admin/articles/new',
  createArticle: () => '/admin/articles',
  editArticle: (id: number) => `/admin/articles/${id}/edit`,
  saveArticle: (id: number) => `/admin/articles/${id}`,
  articleAction: (id: number, action: 'unpublish' | 'trash' | 'restore') => `/admin/articles/${id}/${action}`,
  preview: () => '/admin/articles/preview',
  media: () => '/admin/media',
  uploadMedia: () => '/admin/media',
  revisions: (id: number) => `/admin/articles/${id}/revisions`,
  revision: (id: number, rev: number) => `/admin/articles/${id}/revisions/${rev}`,
  restoreRevision: (id: number, rev: number) => `/admin/articles/${id}/revisions/${rev}/restore`,
  replies: (filter: { status?: string; q?: string; sender?: string; site?: string } = {}) => {
    const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return params.size ? `/admin/replies?${params}` : '/admin/replies';
  },
  bulkReplies: () => '/admin/replies/bulk',
  emptySpam: () => '/admin/replies/empty-spam',
  reply: (id: number) => `/admin/replies/${id}`,
  answerReply: (id: number) => `/admin/replies/${id}/answer`,
  audit: () => '/admin/audit',
  /** Looking up, exporting and erasing a commenter's data by email address (issue 13). */
  privacy: () => '/admin/privacy',
  privacyExport: () => '/admin/privacy/export',
  privacyErase: () => '/admin/privacy/erase',
  discussionSettings: () => '/admin/settings/discussion',
  siteSettings: () => '/admin/settings/site',
  siteImages: () => '/admin/settings/site/images',
  newStaticPage: () => '/admin/settings/site/pages',
  users: () => '/admin/users',
  userRole: (id: number) => `/admin/users/${id}/role`,
  userAccess: (id: number, action: 'disable' | 'enable' | 'remove' | 'end-sessions') => `/admin/users/${id}/${action}`,
};

/** The longest `next` worth keeping; anything longer is not a link the newsroom made. */
export const MAX_NEXT_LENGTH = 2000;
const FALLBACK = '/admin';
// Never a real origin: only used to let the URL parser resolve a path, then compared against.
const PARSE_BASE = 'http://gazette.invalid';

/**
 * Where to send the browser after signing in (or back from a form): a same-site path under /admin,
 * percent-encoded so it is always a valid Location header, else /admin. The one check for every
 * `next`/`return` value a request carries (no open redirect, no header injection, no 500).
 *
 * The raw value must already start with `/admin` and hold no control character or backslash:
 * WHATWG URL parsing would silently strip tabs and newlines and treat `\` as `/`, which is how
 * `/\evil.example` becomes another host. What is left is resolved against a dummy origin; dot
 * segments are applied (`/admin/../x` leaves /admin and is refused), and the serialisation
 * percent-encodes spaces, quotes and every non-ASCII character (RFC 3986), so the answer is
 * printable ASCII only.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX_NEXT_LENGTH || !next.startsWith('/admin')) return FALLBACK;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, PARSE_BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== PARSE_BASE || (url.pathname !== '/admin' && !url.pathname.startsWith('/admin/'))) return FALLBACK;
  const target = `${url.pathname}${url.search}${url.hash}`;
  return /^\/admin[\x21-\x7e]*$/.test(target) ? target : FALLBACK;
}
