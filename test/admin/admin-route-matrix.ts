import type { Role, User } from '../../src/modules/accounts/index.js';

/** Who calls: nobody, or a member of the newsroom with one of the four roles. */
export type Who = 'anonymous' | Role;

/** The matrix's columns, in the order every row lists its answers. */
export const everyone: readonly Who[] = ['anonymous', 'contributor', 'author', 'editor', 'administrator'];

/** Ids the rows act on, made once per database; `subject` is made afresh for each cell that needs one. */
export interface Fixture {
  /** A published article by a fifth member, so no caller ever owns it. */
  articleId: number;
  revisionId: number;
  /** A draft of each member's own. */
  ownArticleIds: Record<Role, number>;
  replyId: number;
  users: Record<Role, User>;
  /** Members the access routes act on (one each: removing or disabling must not disturb the rest). */
  targets: Record<'disable' | 'enable' | 'remove' | 'sessions', User>;
  /** A webhook the read-only rows look at (the rows that change one make their own). */
  webhookId: number;
  /** The id this cell's `subject` made (0 when the row has none). */
  subject: number;
}

/** What a cell makes before it calls, so each cell finds the state it is about (not the previous cell's). */
export type Subject =
  | 'their published article'
  | 'their trashed article'
  | 'own draft'
  | 'own trashed draft'
  | 'approved reply'
  | 'own API token'
  | "someone else's API token"
  | 'webhook';

/** The exact answer: a status and, for a redirect, where it points (a RegExp where the id is new). */
export interface Expected {
  status: number;
  location?: string | RegExp | ((f: Fixture, url: string) => string);
}

/** One row of the matrix: a route, how to call it, and what each column gets. */
export interface RouteCase {
  name: string;
  method: 'GET' | 'POST';
  url: (f: Fixture, who: Who) => string;
  fields?: (f: Fixture, who: Who) => Record<string, string | string[]>;
  /** Sent as the editor sends it (multipart/form-data). */
  multipart?: boolean;
  subject?: Subject;
  /** anonymous, contributor, author, editor, administrator. */
  expect: readonly [Expected, Expected, Expected, Expected, Expected];
}

const ok: Expected = { status: 200 };
const forbidden: Expected = { status: 403 };
const notFound: Expected = { status: 404 };
const invalid: Expected = { status: 422 };
/** A one-time link that is missing (or spent) is gone for good. */
const gone: Expected = { status: 410 };
/** A signed-in member asking for the sign-in page is already in. */
const alreadyIn: Expected = { status: 303, location: '/admin' };
/** A signed-in-only page sends an anonymous visitor to sign in and back here afterwards. */
const signInAndBack: Expected = { status: 303, location: (_f, url) => `/admin/sign-in?next=${encodeURIComponent(url)}` };
/** A form posted without a session goes to the sign-in page (a POST cannot be replayed). */
const signIn: Expected = { status: 303, location: '/admin/sign-in' };
/** The editor's save without a session keeps the author's text in the form instead of redirecting. */
const keepText: Expected = { status: 401 };
const to = (location: Expected['location']): Expected => ({ status: 303, location });
/** The same answer for every signed-in role. */
const allStaff = (e: Expected) => [e, e, e, e] as const;
/** The same answer for authors, editors and administrators. */
const authorsUp = (e: Expected) => [e, e, e] as const;
const savedAs = (saved: string): Expected => to((f) => `/admin/articles/${f.subject}/edit?saved=${saved}`);

/** The editor form's fields for a plain article with `status`. */
export const editorFields = (status: string) => () => ({
  headline: 'Matrix headline',
  dek: '',
  body: 'Matrix body.',
  status,
  publishAt: '',
  slug: '',
  section: 'World',
  tags: '',
  featuredMediaId: '',
  featuredAlt: '',
  intent: 'save',
});
const settingsFields = () => ({
  requireNameEmail: 'on',
  autoApproveKnownAuthors: 'on',
  detectDuplicates: 'on',
  holdLinkCount: '2',
  closeAfterDays: '0',
  threadDepth: '5',
  repliesPerPage: '0',
  floodIntervalSeconds: '15',
  order: 'oldest',
  holdWords: '',
  blockWords: '',
});
const missing = 999_999;
/** What the webhook rows redirect to. */
const hookDone = (done: string): Expected => to((f) => `/admin/webhooks/${f.subject || f.webhookId}?done=${done}`);
/** Where revoking a token leads. */
const tokensDone = to('/admin/account/api-tokens?done=revoked');

/*
 * Every newsroom route × every role (PRODUCT roles with WordPress's meanings; docs/newsroom.md), each
 * cell the exact status and, for a redirect, its Location.
 */
// prettier-ignore
export const adminRouteMatrix: RouteCase[] = [
  //                                                                                                                         anonymous      contributor  author       editor       administrator
  { name: 'sign-in page', method: 'GET', url: () => '/admin/sign-in',                                                  expect: [ok,            alreadyIn,   alreadyIn,   alreadyIn,   alreadyIn] },
  { name: 'forgotten password page', method: 'GET', url: () => '/admin/forgot',                                        expect: [ok,            ok,          ok,          ok,          ok] },
  { name: 'setup page without its link', method: 'GET', url: () => '/admin/setup',                                     expect: [gone,          gone,        gone,        gone,        gone] },
  { name: 'reset page without its link', method: 'GET', url: () => '/admin/reset',                                     expect: [gone,          gone,        gone,        gone,        gone] },
  { name: 'overview', method: 'GET', url: () => '/admin',                                                              expect: [signIn,        ok,          ok,          ok,          ok] },
  { name: 'account page', method: 'GET', url: () => '/admin/account',                                                  expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'sign out', method: 'POST', url: () => '/admin/sign-out',                                                    expect: [signIn, ...allStaff(to('/admin/sign-in?notice=signed-out'))] },
  { name: 'sign out everywhere', method: 'POST', url: () => '/admin/sign-out-everywhere',                              expect: [signIn, ...allStaff(to('/admin/sign-in?notice=signed-out-everywhere'))] },
  { name: 'article list', method: 'GET', url: () => '/admin/articles',                                                 expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'new article form', method: 'GET', url: () => '/admin/articles/new',                                         expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'save a new draft', method: 'POST', url: () => '/admin/articles', fields: editorFields('draft'), multipart: true,
    expect: [keepText, ...allStaff(to(/^\/admin\/articles\/\d+\/edit\?saved=draft$/))] },
  { name: 'publish a new article', method: 'POST', url: () => '/admin/articles', fields: editorFields('published'), multipart: true,
    expect: [keepText, forbidden, ...authorsUp(to(/^\/admin\/articles\/\d+\/edit\?saved=published$/))] },
  { name: 'live preview', method: 'POST', url: () => '/admin/articles/preview', fields: () => ({ headline: 'H', dek: '', body: '*x*' }),
    expect: [signIn,        ok,          ok,          ok,          ok] },
  { name: 'edit own draft', method: 'GET', subject: 'own draft', url: (f) => `/admin/articles/${f.subject}/edit`,      expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'save own draft', method: 'POST', subject: 'own draft', url: (f) => `/admin/articles/${f.subject}`, fields: editorFields('draft'), multipart: true,
    expect: [keepText,      savedAs('draft'), savedAs('draft'), savedAs('draft'), savedAs('draft')] },
  { name: 'publish own draft', method: 'POST', subject: 'own draft', url: (f) => `/admin/articles/${f.subject}`, fields: editorFields('published'), multipart: true,
    expect: [keepText,      forbidden,   savedAs('published'), savedAs('published'), savedAs('published')] },
  { name: 'revisions of own draft', method: 'GET', subject: 'own draft', url: (f) => `/admin/articles/${f.subject}/revisions`,
    expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'trash own draft', method: 'POST', subject: 'own draft', url: (f) => `/admin/articles/${f.subject}/trash`,
    expect: [signIn, ...allStaff(to('/admin/articles?status=trash'))] },
  { name: 'restore own draft from the trash', method: 'POST', subject: 'own trashed draft', url: (f) => `/admin/articles/${f.subject}/restore`,
    expect: [signIn,        savedAs('restore'), savedAs('restore'), savedAs('restore'), savedAs('restore')] },
  { name: "edit someone else's article", method: 'GET', url: (f) => `/admin/articles/${f.articleId}/edit`,           expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: "save someone else's article", method: 'POST', subject: 'their published article', url: (f) => `/admin/articles/${f.subject}`, fields: editorFields('published'), multipart: true,
    expect: [keepText,      forbidden,   forbidden,   savedAs('updated'), savedAs('updated')] },
  { name: "revisions of someone else's article", method: 'GET', url: (f) => `/admin/articles/${f.articleId}/revisions`, expect: [signInAndBack, forbidden, forbidden,   ok,          ok] },
  { name: 'compare a revision', method: 'GET', url: (f) => `/admin/articles/${f.articleId}/revisions/${f.revisionId}`, expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: 'restore a revision', method: 'POST', url: (f) => `/admin/articles/${f.articleId}/revisions/${f.revisionId}/restore`,
    expect: [signIn,        forbidden,   forbidden,   to((f) => `/admin/articles/${f.articleId}/edit?saved=revision`), to((f) => `/admin/articles/${f.articleId}/edit?saved=revision`)] },
  { name: "unpublish someone else's article", method: 'POST', subject: 'their published article', url: (f) => `/admin/articles/${f.subject}/unpublish`,
    expect: [signIn,        forbidden,   forbidden,   savedAs('unpublish'), savedAs('unpublish')] },
  { name: "trash someone else's article", method: 'POST', subject: 'their published article', url: (f) => `/admin/articles/${f.subject}/trash`,
    expect: [signIn,        forbidden,   forbidden,   to('/admin/articles?status=trash'), to('/admin/articles?status=trash')] },
  { name: "restore someone else's article", method: 'POST', subject: 'their trashed article', url: (f) => `/admin/articles/${f.subject}/restore`,
    expect: [signIn,        forbidden,   forbidden,   savedAs('restore'), savedAs('restore')] },
  { name: 'restore an article that is not in the trash', method: 'POST', subject: 'their published article', url: (f) => `/admin/articles/${f.subject}/restore`,
    expect: [signIn,        forbidden,   forbidden,   invalid,     invalid] },
  { name: 'edit an article that does not exist', method: 'GET', url: () => `/admin/articles/${missing}/edit`,         expect: [signInAndBack, notFound,    notFound,    notFound,    notFound] },
  { name: 'moderation desk', method: 'GET', url: () => '/admin/replies?status=held',                                   expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: 'one reply', method: 'GET', url: (f) => `/admin/replies/${f.replyId}`,                                       expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: 'a reply that does not exist', method: 'GET', url: () => `/admin/replies/${missing}`,                        expect: [signInAndBack, forbidden,   forbidden,   notFound,    notFound] },
  { name: 'bulk moderate', method: 'POST', subject: 'approved reply', url: () => '/admin/replies/bulk', fields: (f) => ({ ids: [String(f.subject)], action: 'spam', reason: '' }),
    expect: [signIn,        forbidden,   forbidden,   to('/admin?done=spam&n=1'), to('/admin?done=spam&n=1')] },
  { name: 'empty the spam queue', method: 'POST', url: () => '/admin/replies/empty-spam', fields: () => ({ days: '30' }),
    expect: [signIn,        forbidden,   forbidden,   to('/admin/replies?status=spam&done=emptied&n=0'), to('/admin/replies?status=spam&done=emptied&n=0')] },
  { name: 'edit a reply', method: 'POST', url: (f) => `/admin/replies/${f.replyId}`, fields: () => ({ body: 'Edited by the matrix.', reason: 'typo' }),
    expect: [signIn,        forbidden,   forbidden,   to((f) => `/admin/replies/${f.replyId}?done=edit`), to((f) => `/admin/replies/${f.replyId}?done=edit`)] },
  { name: 'answer as staff', method: 'POST', url: (f) => `/admin/replies/${f.replyId}/answer`, fields: () => ({ answer: 'Thanks for writing.' }),
    expect: [signIn,        forbidden,   forbidden,   to((f) => `/admin/replies/${f.replyId}?done=answer`), to((f) => `/admin/replies/${f.replyId}?done=answer`)] },
  { name: "commenters' data", method: 'GET', url: () => '/admin/privacy',                                            expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: 'look up an address', method: 'POST', url: () => '/admin/privacy', fields: () => ({ email: 'matrix.nobody@example.org' }),
    expect: [signIn,        forbidden,   forbidden,   ok,          ok] },
  { name: 'export an address', method: 'POST', url: () => '/admin/privacy/export', fields: () => ({ email: 'matrix.nobody@example.org' }),
    expect: [signIn,        forbidden,   forbidden,   ok,          ok] },
  { name: 'erase an address', method: 'POST', url: () => '/admin/privacy/erase', fields: () => ({ email: 'matrix.nobody@example.org', confirm: 'on' }),
    expect: [signIn,        forbidden,   forbidden,   ok,          ok] },
  { name: 'audit trail', method: 'GET', url: () => '/admin/audit',                                                     expect: [signInAndBack, forbidden,   forbidden,   ok,          ok] },
  { name: 'discussion settings', method: 'GET', url: () => '/admin/settings/discussion',                               expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'save discussion settings', method: 'POST', url: () => '/admin/settings/discussion', fields: settingsFields,
    expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/settings/discussion?saved=1')] },
  { name: 'site settings', method: 'GET', url: () => '/admin/settings/site',                                         expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'save site settings', method: 'POST', url: () => '/admin/settings/site',
    fields: () => ({ title: 'The Gazette', description: '', navigation: 'About | /articles/about', language: 'en', timeZone: 'UTC' }),
    expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/settings/site?saved=settings')] },
  { name: 'add a standing page', method: 'POST', url: () => '/admin/settings/site/pages', fields: (_f, who) => ({ pageTitle: `About ${who}` }),
    expect: [signIn,        forbidden,   forbidden,   forbidden,   to(/^\/admin\/articles\/\d+\/edit$/)] },
  { name: 'people', method: 'GET', url: () => '/admin/users',                                                          expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'add a person', method: 'POST', url: () => '/admin/users',
    fields: (_f, who) => ({ name: `New ${who}`, email: `new.${who}@newsroom.example`, password: 'a long enough passphrase', role: 'contributor' }),
    expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=added')] },
  { name: 'change a role', method: 'POST', url: (f) => `/admin/users/${f.users.contributor.id}/role`, fields: () => ({ role: 'contributor' }),
    expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=role')] },
  { name: 'disable a member', method: 'POST', url: (f) => `/admin/users/${f.targets.disable.id}/disable`,              expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=disabled')] },
  { name: 'enable a member', method: 'POST', url: (f) => `/admin/users/${f.targets.enable.id}/enable`,                 expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=enabled')] },
  { name: "end a member's sessions", method: 'POST', url: (f) => `/admin/users/${f.targets.sessions.id}/end-sessions`, expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=sessions')] },
  { name: 'remove a member', method: 'POST', url: (f) => `/admin/users/${f.targets.remove.id}/remove`,                 expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/users?done=removed')] },
  // API tokens: every member makes and revokes their own (a token acts as its member, never more);
  // administrators also revoke anyone's. Someone else's token is "not found" to the others.
  { name: 'API tokens', method: 'GET', url: () => '/admin/account/api-tokens',                                         expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'make an API token (the secret shown once)', method: 'POST', url: () => '/admin/account/api-tokens', fields: (_f, who) => ({ name: `${who} script`, scope: 'write' }),
    expect: [signIn,        ok,          ok,          ok,          ok] },
  { name: 'confirm revoking own token', method: 'GET', subject: 'own API token', url: (f) => `/admin/account/api-tokens/${f.subject}/revoke`,
    expect: [signInAndBack, ok,          ok,          ok,          ok] },
  { name: 'revoke own token', method: 'POST', subject: 'own API token', url: (f) => `/admin/account/api-tokens/${f.subject}/revoke`,
    expect: [signIn,        tokensDone,  tokensDone,  tokensDone,  tokensDone] },
  { name: "confirm revoking someone else's token", method: 'GET', subject: "someone else's API token", url: (f) => `/admin/account/api-tokens/${f.subject}/revoke`,
    expect: [signInAndBack, notFound,    notFound,    notFound,    ok] },
  { name: "revoke someone else's token", method: 'POST', subject: "someone else's API token", url: (f) => `/admin/account/api-tokens/${f.subject}/revoke`,
    expect: [signIn,        notFound,    notFound,    notFound,    tokensDone] },
  { name: 'revoke a token that does not exist', method: 'POST', url: () => `/admin/account/api-tokens/${missing}/revoke`,
    expect: [signIn,        notFound,    notFound,    notFound,    notFound] },
  // Webhooks: administrators only.
  { name: 'webhooks', method: 'GET', url: () => '/admin/webhooks',                                                     expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'add a webhook (the secret shown once)', method: 'POST', url: () => '/admin/webhooks',
    fields: (_f, who) => ({ url: `https://hooks.example/${who}`, events: ['article.published', 'reply.held'] }),
    expect: [signIn,        forbidden,   forbidden,   forbidden,   ok] },
  { name: 'a webhook and its deliveries', method: 'GET', url: (f) => `/admin/webhooks/${f.webhookId}`,                expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'a webhook that does not exist', method: 'GET', url: () => `/admin/webhooks/${missing}`,                     expect: [signInAndBack, forbidden,   forbidden,   forbidden,   notFound] },
  { name: 'send a test delivery', method: 'POST', url: (f) => `/admin/webhooks/${f.webhookId}/test`,                  expect: [signIn,        forbidden,   forbidden,   forbidden,   hookDone('test')] },
  { name: 'pause a webhook', method: 'POST', subject: 'webhook', url: (f) => `/admin/webhooks/${f.subject}/disable`,  expect: [signIn,        forbidden,   forbidden,   forbidden,   hookDone('disabled')] },
  { name: 'resume a webhook', method: 'POST', subject: 'webhook', url: (f) => `/admin/webhooks/${f.subject}/enable`,  expect: [signIn,        forbidden,   forbidden,   forbidden,   hookDone('enabled')] },
  { name: 'confirm removing a webhook', method: 'GET', url: (f) => `/admin/webhooks/${f.webhookId}/remove`,          expect: [signInAndBack, forbidden,   forbidden,   forbidden,   ok] },
  { name: 'remove a webhook', method: 'POST', subject: 'webhook', url: (f) => `/admin/webhooks/${f.subject}/remove`,  expect: [signIn,        forbidden,   forbidden,   forbidden,   to('/admin/webhooks?done=removed')] },
  { name: 'remove a webhook that does not exist', method: 'POST', url: () => `/admin/webhooks/${missing}/remove`,     expect: [signIn,        forbidden,   forbidden,   forbidden,   notFound] },
];
