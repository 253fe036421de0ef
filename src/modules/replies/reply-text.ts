import { escapeHtml } from '../../lib/html.js';

/**
 * Where a web address starts: `http://`, `https://` or `www.` at a word boundary. The address runs
 * to the next white space, quote or angle bracket. No part of the pattern can backtrack over what
 * another part took (the tail is one greedy class with nothing after it), so one pass over the text
 * is linear in its length — unlike linkify-it, whose scan was quadratic on `http://a.b/` repeated
 * (65 KB took 14 s; issue 7).
 */
const addressPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

/** Punctuation that ends a sentence rather than an address: "see https://example.org." */
const trailingPunctuation = new Set(['.', ',', ':', ';', '!', '?', "'", '’', '”', '*']);

/**
 * The most addresses linked in one reply; the rest stay plain text. Far above any real reply (two
 * links already hold a reply for moderation) and it bounds the markup a reply can grow into.
 */
export const MAX_LINKS_PER_REPLY = 50;

/** Drops what ends a sentence from an address, and a closing bracket that has no opening one inside it. */
function trimAddress(candidate: string): string {
  let open = 0;
  let close = 0;
  for (const ch of candidate) {
    if (ch === '(') open++;
    else if (ch === ')') close++;
  }
  let end = candidate.length;
  while (end > 0) {
    const ch = candidate[end - 1]!;
    if (trailingPunctuation.has(ch)) end--;
    else if (ch === ')' && close > open) {
      close--;
      end--;
    } else break;
  }
  return candidate.slice(0, end);
}

/** The href for an address as written, or undefined when it is not a usable http(s) address. */
function hrefOf(address: string): string | undefined {
  const absolute = /^www\./i.test(address) ? `http://${address}` : address;
  try {
    const url = new URL(absolute);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return undefined;
  } catch {
    return undefined;
  }
  return absolute;
}

/** Escapes one paragraph's text and links its web addresses (up to the budget left). */
function renderInline(text: string, budget: { links: number }): string {
  let html = '';
  let last = 0;
  addressPattern.lastIndex = 0;
  for (let m = addressPattern.exec(text); m !== null && budget.links > 0; m = addressPattern.exec(text)) {
    const address = trimAddress(m[0]);
    const href = address.length > 0 ? hrefOf(address) : undefined;
    if (!href) continue;
    html += escapeHtml(text.slice(last, m.index));
    html += `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${escapeHtml(address)}</a>`;
    last = m.index + address.length;
    budget.links--;
  }
  html += escapeHtml(text.slice(last));
  return html.replace(/\n/g, '<br>');
}

/**
 * Renders a reader's plain text as HTML: every byte escaped, blank lines as paragraphs, line breaks
 * kept, web addresses linked with `rel="nofollow ugc"` (as search engines ask of user content).
 * Linear in the length of the text; at most {@link MAX_LINKS_PER_REPLY} links.
 */
export function renderReplyText(text: string): string {
  const budget = { links: MAX_LINKS_PER_REPLY };
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${renderInline(p, budget)}</p>`)
    .join('');
}
