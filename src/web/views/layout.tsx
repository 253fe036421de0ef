import type { ComponentChildren } from 'preact';
import { preloadedFonts } from '../fonts.js';
import { urls } from '../urls.js';

/** The site's logo as the masthead shows it (an uploaded picture's sizes). */
export interface SiteLogo {
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/** What every page's frame needs: the site settings, its sections, asset versions. */
export interface SiteChrome {
  siteTitle: string;
  /** The site's description (site settings); may be empty. */
  description: string;
  /** `<html lang>`: a BCP 47 tag from the site settings. */
  language: string;
  /** The IANA time zone dates are shown in. */
  timeZone: string;
  /** The administrator's menu links, after the sections. */
  navigation: { label: string; href: string }[];
  logo?: SiteLogo;
  /** Changes when the favicon does, so browsers fetch the new one. */
  faviconVersion: string;
  siteUrl: string;
  sections: { slug: string; name: string }[];
  assetVersion: string;
}

/** A page's own head entries. */
export interface PageHead {
  title: string;
  description?: string;
  canonicalPath?: string;
  /** Extra `<link rel="alternate">` feeds. */
  feeds?: { title: string; href: string; type: string }[];
  openGraph?: Record<string, string>;
  /** `<meta name>` entries such as Twitter's card (`twitter:card`, `twitter:image`). */
  namedMeta?: Record<string, string>;
  jsonLd?: unknown;
  /** Loads the reply form script. */
  withReplyScript?: boolean;
}

/** The frame every public page shares: masthead, section navigation, main content, footer. */
export function Layout(props: { chrome: SiteChrome; head: PageHead; currentSection?: string; children: ComponentChildren }) {
  const { chrome, head } = props;
  const title = head.title === chrome.siteTitle ? head.title : `${head.title} – ${chrome.siteTitle}`;
  const siteFeeds = [
    { title: `${chrome.siteTitle} (RSS)`, href: urls.feed(), type: 'application/rss+xml' },
    { title: `${chrome.siteTitle} (Atom)`, href: urls.atomFeed(), type: 'application/atom+xml' },
    { title: `${chrome.siteTitle} (JSON Feed)`, href: urls.jsonFeed(), type: 'application/feed+json' },
    { title: `Replies on ${chrome.siteTitle} (RSS)`, href: urls.siteRepliesFeed(), type: 'application/rss+xml' },
  ];
  return (
    <html lang={chrome.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {head.description && <meta name="description" content={head.description} />}
        {head.canonicalPath && <link rel="canonical" href={chrome.siteUrl + head.canonicalPath} />}
        <meta name="color-scheme" content="light dark" />
        {/* The headline serif and the sans are wanted for the first paint: fetched alongside the stylesheet, not after it. */}
        {preloadedFonts.map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />
        ))}
        <link rel="icon" href={urls.favicon(chrome.faviconVersion)} />
        <link rel="stylesheet" href={urls.asset('site.css', chrome.assetVersion)} />
        <link rel="stylesheet" href={urls.asset('print.css', chrome.assetVersion)} media="print" />
        {[...siteFeeds, ...(head.feeds ?? [])].map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {Object.entries(head.openGraph ?? {}).map(([property, content]) => (
          <meta property={property} content={content} />
        ))}
        {Object.entries(head.namedMeta ?? {}).map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
        {head.jsonLd !== undefined && (
          <script
            type="application/ld+json"
            // JSON-LD must be raw JSON; "<" is escaped so no text can close the script element.
            dangerouslySetInnerHTML={{ __html: JSON.stringify(head.jsonLd).replace(/</g, '\\u003c') }}
          />
        )}
        {head.withReplyScript && <script type="module" src={urls.asset('reply-form.js', chrome.assetVersion)} />}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="masthead">
          <div class="masthead-inner">
            <p class={chrome.logo ? 'masthead-title masthead-logo' : 'masthead-title'}>
              <a href={urls.home()}>
                {chrome.logo ? (
                  <img
                    src={chrome.logo.src}
                    srcset={chrome.logo.srcset}
                    sizes="(max-width: 600px) 60vw, 320px"
                    width={chrome.logo.width}
                    height={chrome.logo.height}
                    alt={chrome.siteTitle}
                  />
                ) : (
                  chrome.siteTitle
                )}
              </a>
            </p>
            <nav aria-label="Sections" class="sections-nav">
              <ul>
                <li>
                  <a
                    href={urls.home()}
                    aria-current={props.currentSection === undefined && head.canonicalPath === '/' ? 'page' : undefined}
                  >
                    Front page
                  </a>
                </li>
                {chrome.sections.map((s) => (
                  <li>
                    <a href={urls.section(s.slug)} aria-current={props.currentSection === s.slug ? 'page' : undefined}>
                      {s.name}
                    </a>
                  </li>
                ))}
                {chrome.navigation.map((link) => (
                  <li>
                    <a href={link.href} aria-current={head.canonicalPath === link.href ? 'page' : undefined}>
                      {link.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="masthead-search">
              <a href={urls.search()} aria-current={head.canonicalPath === urls.search() ? 'page' : undefined}>
                Search
              </a>
            </p>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>
            {chrome.siteTitle} · published with Gazette · <a href={urls.feed()}>RSS</a> · <a href={urls.atomFeed()}>Atom</a> ·{' '}
            <a href={urls.jsonFeed()}>JSON Feed</a> · <a href={urls.privacy()}>Privacy</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
