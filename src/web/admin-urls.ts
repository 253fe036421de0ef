/** Path builders for the newsroom (everything under /admin). */
export const adminUrls = {
  home: () => '/admin',
  /** The sign-in page; `next` (an /admin path) is where to go afterwards. */
  signIn: (next?: string) => (next && safeNext(next) !== '/admin' ? `/admin/sign-in?next=${encodeURIComponent(next)}` : '/admin/sign-in'),
  signOut: () => '/admin/sign-out',
  signOutEverywhere: () => '/admin/sign-out-everywhere',
  account: () => '/admin/account',
  setup: () => '/admin/setup',
  forgot: () => '/admin/forgot',
  reset: () => '/admin/reset',
  articles: (filter?: { status?: string }) => (filter?.status ? `/admin/articles?status=${encodeURIComponent(filter.status)}` : '/admin/articles'),
  newArticle: () => '/admin/articles/new',
  createArticle: () => '/admin/articles',
  editArticle: (id: number) => `/admin/articles/${id}/edit`,
  saveArticle: (id: number) => `/admin/articles/${id}`,
  articleAction: (id: number, action: 'unpublish' | 'trash' | 'restore') => `/admin/articles/${id}/${action}`,
  preview: () => '/admin/articles/preview',
  revisions: (id: number) => `/admin/articles/${id}/revisions`,
  revision: (id: number, rev: number) => `/admin/articles/${id}/revisions/${rev}`,
  restoreRevision: (id: number, rev: number) => `/admin/articles/${id}/revisions/${rev}/restore`,
  replies: (filter: { status?: string; q?: string; sender?: string } = {}) => {
    const params = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return params.size ? `/admin/replies?${params}` : '/admin/replies';
  },
  bulkReplies: () => '/admin/replies/bulk',
  reply: (id: number) => `/admin/replies/${id}`,
  answerReply: (id: number) => `/admin/replies/${id}/answer`,
  audit: () => '/admin/audit',
  discussionSettings: () => '/admin/settings/discussion',
  users: () => '/admin/users',
  userRole: (id: number) => `/admin/users/${id}/role`,
};

/** A `next` target that stays inside the admin (no open redirect): an /admin path, else /admin. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(?:[/?#]|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : '/admin';
}
