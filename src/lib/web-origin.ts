/**
 * Origins and page addresses as the embed feature reads them (issue 15). Pure: strings in, strings
 * (or null) out, so the config, the settings writer and the routes share one reading.
 */

/** The longest page address accepted from an embedding page (browsers cope with more; nobody needs it). */
export const PAGE_URL_LIMIT = 2000;

/** The longest page title kept (an article headline's limit). */
export const PAGE_TITLE_LIMIT = 300;

/**
 * A web origin (`https://blog.example`, `http://127.0.0.1:8080`) in its canonical form, or null for
 * anything else: another scheme, a path, a query, credentials, or not a URL at all.
 */
export function parseOrigin(value: string): string | null {
  const raw = value.trim();
  if (raw === '' || raw.length > 300) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // A bare host reads as pathname '/', so a trailing slash after it is fine; anything longer is a page, not a site.
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/' || /[?#]/.test(raw)) return null;
  return url.origin;
}

/** Why a page address was refused, for the message the embedding page's console shows. */
export type PageUrlProblem = 'missing' | 'too_long' | 'not_a_url' | 'not_http' | 'other_site' | 'credentials';

/**
 * The address a thread is keyed by: an http(s) URL on `origin`, without its fragment (a fragment
 * never names another page). Refuses `javascript:` and other schemes, junk, and pages on any site
 * but the one asking, so one allowed site cannot open threads in another's name.
 */
export function pageUrlOn(origin: string, value: string): { url: string } | { problem: PageUrlProblem } {
  const raw = value.trim();
  if (raw === '') return { problem: 'missing' };
  if (raw.length > PAGE_URL_LIMIT) return { problem: 'too_long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'not_a_url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'not_http' };
  if (url.username || url.password) return { problem: 'credentials' };
  if (url.origin !== origin) return { problem: 'other_site' };
  url.hash = '';
  return { url: url.href };
}

/** A page title as kept: control characters dropped, spaces folded, cut to the limit; empty when nothing is left. */
export function cleanPageTitle(value: string): string {
  const folded = value
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...folded].slice(0, PAGE_TITLE_LIMIT).join('').trim();
}
