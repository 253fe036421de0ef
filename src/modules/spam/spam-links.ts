/*
 * Links in a reply and in its Website field, as features: how many, where they point (domain,
 * top-level domain, the words of the host name), and how they are written (BBCode and HTML anchors
 * are typed by bots aiming at forums, not by readers of a news site).
 */

/** URL shorteners: a reader citing a source links the source; a shortened link hides where it goes. */
const shorteners = new Set([
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'cutt.ly',
  'rb.gy',
  'shorturl.at',
  'tiny.cc',
  'rebrand.ly',
  't.ly',
  'v.gd',
  'clck.ru',
  'u.to',
]);

/** Second-level labels under which names are registered (`bbc.co.uk`, `nhk.or.jp`). */
const secondLevels = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'or', 'ne', 'go', 'gob', 'gouv', 'nic']);

/** Top-level domains recognised without `http://` or `www.` in front (a bare `cheap-pills.shop`). */
const bareTlds =
  'com|net|org|info|biz|io|co|ru|cn|top|xyz|shop|online|site|store|club|vip|bet|casino|win|loan|click|link|pro|me|tv|cc|us|uk|de|fr|es|it|pl|br|in|jp|kr|tr|ua|kz|su|eu|ly|gl|gd|to|at|ws|live|app|dev|news|blog|example|test';

/**
 * A link written in full, starting `www.`, or a bare host name on a known top-level domain, not glued
 * to a word before or after (any non-ASCII letter counts as a word character here). Not a `u`
 * expression: every class is in the BMP, and V8 scans those much faster.
 */
const linkPattern = new RegExp(
  String.raw`https?:\/\/[^\s<>"'\[\]()]+|(?<![\w@.\-\u00c0-\uffff])(?:www\.|(?:[a-z0-9\-]+\.)+(?:${bareTlds})(?![\w\-\u00c0-\uffff]))[^\s<>"'\[\]()]*`,
  'g',
);

/** At most this many links are looked at one by one; the count bucket says the rest. */
const maxLinks = 12;

/** The host name of a link as typed (lower case), or undefined when none can be read. */
export function hostOf(link: string): string | undefined {
  const withoutScheme = link.replace(/^[a-z][a-z0-9+.\-]*:\/\//, '');
  const host = withoutScheme
    .split(/[/?#:]/, 1)[0]!
    .replace(/^.*@/, '')
    .replace(/\.+$/, '');
  return /^[\p{L}\p{N}\-.]+\.[\p{L}\p{N}\-]{2,}$/u.test(host) ? host : undefined;
}

/** The part of a host name someone registered: `news.bbc.co.uk` → `bbc.co.uk`, `a.b.example` → `b.example`. */
export function registrableDomain(host: string): string {
  const labels = host.split('.');
  const tld = labels[labels.length - 1]!;
  const keep = labels.length >= 3 && tld.length === 2 && secondLevels.has(labels[labels.length - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * Names reserved for examples and tests (RFC 2606, RFC 6761). No real reader links to them, so a
 * feature learnt from them would only describe how our corpus was written, and their domain and
 * top-level domain are left out; the words of the host name still count.
 */
const reservedTld = new Set(['example', 'test', 'invalid', 'localhost']);
const reservedDomains = new Set(['example.com', 'example.net', 'example.org']);

/** Features of one host, under `prefix` (`link` for links in the text, `site-field` for the Website field). */
function hostFeatures(prefix: string, host: string, out: Set<string>): void {
  const labels = host.split('.');
  const domain = registrableDomain(host);
  const tld = labels[labels.length - 1]!;
  if (!reservedTld.has(tld) && !reservedDomains.has(domain)) {
    out.add(`${prefix}:tld:${tld}`);
    out.add(`${prefix}:domain:${domain}`);
  }
  if (shorteners.has(domain) || shorteners.has(host)) out.add(`${prefix}:shortener`);
  if (/^[\d.]+$/.test(host)) out.add(`${prefix}:ip`);
  if (/\d/.test(domain)) out.add(`${prefix}:digits`);
  if ((domain.match(/-/g)?.length ?? 0) >= 2) out.add(`${prefix}:hyphens`);
  // The words of the host name: `best-casino-bonus.example` says what the page sells.
  for (const word of domain.split(/[.\-\d]+/).slice(0, 6)) {
    if (word.length >= 3 && word !== tld) out.add(`${prefix}:hw:${word}`);
  }
}

/** Number of links as a bucket: 0, 1, 2, 3–5, 6 or more. */
function countBucket(count: number): string {
  if (count <= 2) return String(count);
  return count <= 5 ? '3-5' : '6+';
}

/**
 * Adds the link features of the (folded, lower-case) reply text to `out`. Returns the host names
 * found (the author features ask whether the name is a word of a linked domain) and the text with
 * its links blanked out, so a URL's pieces do not also count as words.
 */
export function addTextLinkFeatures(text: string, out: Set<string>): { hosts: string[]; rest: string } {
  const hosts: string[] = [];
  let count = 0;
  for (const match of text.matchAll(linkPattern)) {
    count += 1;
    if (count > maxLinks) continue;
    const host = hostOf(match[0]);
    if (!host) continue;
    hosts.push(host);
    hostFeatures('link', host, out);
    if (match[0].length > 60) out.add('link:long');
    if (/[?&](ref|aff|affiliate|partner|promo|utm_[a-z]+)=/.test(match[0])) out.add('link:tracking');
  }
  out.add(`link:count:${countBucket(count)}`);
  if (text.includes('[url') || text.includes('[link=')) out.add('link:bbcode');
  if (/<a\s[^>]{0,200}href/.test(text)) out.add('link:html');
  if (/\]\(\s*https?:/.test(text)) out.add('link:markdown');
  return { hosts, rest: count === 0 ? text : text.replace(linkPattern, ' ') };
}

/** Adds the Website field's features (`site-field:` …) and returns its host, if it has one. */
export function addWebsiteFeatures(url: string, out: Set<string>): string | undefined {
  const trimmed = url.trim().toLowerCase().slice(0, 500);
  if (trimmed === '') {
    out.add('site-field:empty');
    return undefined;
  }
  const host = hostOf(trimmed.includes('://') ? trimmed : 'http://' + trimmed);
  if (!host) {
    out.add('site-field:unreadable');
    return undefined;
  }
  hostFeatures('site-field', host, out);
  const path = trimmed.replace(/^[a-z]+:\/\/[^/]*/, '');
  if (path.length > 1) out.add('site-field:has-path');
  return host;
}
