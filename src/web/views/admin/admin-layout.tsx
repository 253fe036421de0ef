import type { ComponentChildren } from 'preact';
import { adminUrls } from '../../admin-urls.js';
import { urls } from '../../urls.js';

/** What every admin page's frame needs. */
export interface AdminChrome {
  siteTitle: string;
  assetVersion: string;
  csrfToken: string;
  /** The signed-in member; absent on the sign-in pages. */
  user?: { name: string; role: string };
  /** Which menu entries this member may use. */
  menu?: { moderate: boolean; settings: boolean; users: boolean; webhooks: boolean };
  /** Replies waiting for a moderator (shown as a count in the menu). */
  heldCount?: number;
}

/** Menu sections, for `aria-current`. */
export type AdminSection =
  | 'home'
  | 'articles'
  | 'media'
  | 'replies'
  | 'privacy'
  | 'audit'
  | 'site'
  | 'settings'
  | 'users'
  | 'webhooks'
  | 'api-tokens'
  | 'account'
  | 'none';

/** The anti-forgery token every admin form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A status message after an action ("Saved.", "3 replies approved."). */
export function Notice(props: { message?: string; kind?: 'ok' | 'error' }) {
  if (!props.message) return null;
  return (
    <p class={`notice notice-${props.kind ?? 'ok'}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.message}
    </p>
  );
}

function NavLink(props: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <li>
      <a href={props.href} aria-current={props.current ? 'page' : undefined}>
        {props.children}
      </a>
    </li>
  );
}

/**
 * The newsroom's frame: a side menu of what this member may use, their name and a sign-out
 * button, and the page. Server-rendered and complete without JavaScript; `admin.js` only adds
 * the live preview, slug suggestions and keyboard shortcuts.
 */
export function AdminLayout(props: {
  chrome: AdminChrome;
  title: string;
  section: AdminSection;
  scripts?: boolean;
  children: ComponentChildren;
}) {
  const { chrome } = props;
  const menu = chrome.menu;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} – ${chrome.siteTitle} newsroom`}</title>
        <link rel="stylesheet" href={urls.asset('admin.css', chrome.assetVersion)} />
        {props.scripts !== false && <script type="module" src={urls.asset('admin.js', chrome.assetVersion)} />}
      </head>
      <body class={chrome.user ? 'admin' : 'admin admin-bare'}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="admin-top">
          <p class="admin-brand">
            <a href={chrome.user ? adminUrls.home() : urls.home()}>{chrome.siteTitle}</a> <span>Newsroom</span>
          </p>
          {chrome.user && (
            <div class="admin-who">
              <a href={adminUrls.account()}>
                {chrome.user.name} <span class="role-badge">{chrome.user.role}</span>
              </a>
              <form method="post" action={adminUrls.signOut()} class="inline-form">
                <CsrfField token={chrome.csrfToken} />
                <button type="submit" class="button-link">
                  Sign out
                </button>
              </form>
              <a href={urls.home()} class="view-site">
                View site
              </a>
            </div>
          )}
        </header>
        <div class="admin-body">
          {chrome.user && menu && (
            <nav class="admin-nav" aria-label="Newsroom">
              <ul>
                <NavLink href={adminUrls.home()} current={props.section === 'home'}>
                  Overview
                </NavLink>
                <NavLink href={adminUrls.articles()} current={props.section === 'articles'}>
                  Articles
                </NavLink>
                <NavLink href={adminUrls.media()} current={props.section === 'media'}>
                  Media library
                </NavLink>
                {menu.moderate && (
                  <NavLink href={adminUrls.replies()} current={props.section === 'replies'}>
                    Replies{' '}
                    {(chrome.heldCount ?? 0) > 0 && (
                      <span class="count" aria-label={`${chrome.heldCount} held`}>
                        {chrome.heldCount}
                      </span>
                    )}
                  </NavLink>
                )}
                {menu.moderate && (
                  <NavLink href={adminUrls.privacy()} current={props.section === 'privacy'}>
                    Commenters' data
                  </NavLink>
                )}
                {menu.moderate && (
                  <NavLink href={adminUrls.audit()} current={props.section === 'audit'}>
                    Audit trail
                  </NavLink>
                )}
                {menu.settings && (
                  <NavLink href={adminUrls.siteSettings()} current={props.section === 'site'}>
                    Site settings
                  </NavLink>
                )}
                {menu.settings && (
                  <NavLink href={adminUrls.discussionSettings()} current={props.section === 'settings'}>
                    Discussion settings
                  </NavLink>
                )}
                {menu.users && (
                  <NavLink href={adminUrls.users()} current={props.section === 'users'}>
                    People
                  </NavLink>
                )}
                {menu.webhooks && (
                  <NavLink href={adminUrls.webhooks()} current={props.section === 'webhooks'}>
                    Webhooks
                  </NavLink>
                )}
                <NavLink href={adminUrls.apiTokens()} current={props.section === 'api-tokens'}>
                  API tokens
                </NavLink>
              </ul>
            </nav>
          )}
          <main id="main" tabIndex={-1} class="admin-main">
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}
