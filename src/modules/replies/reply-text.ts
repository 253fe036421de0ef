import LinkifyIt from 'linkify-it';
import { escapeHtml } from '../../lib/html.js';

const linkify = new LinkifyIt({}, { fuzzyEmail: false });

/** Escapes one paragraph's text and turns its web addresses into `nofollow ugc` links. */
function renderInline(text: string): string {
  const matches = linkify.match(text) ?? [];
  let html = '';
  let last = 0;
  for (const m of matches) {
    if (!/^https?:/i.test(m.url)) continue;
    html += escapeHtml(text.slice(last, m.index));
    html += `<a href="${escapeHtml(m.url)}" rel="nofollow ugc noopener">${escapeHtml(m.text)}</a>`;
    last = m.lastIndex;
  }
  html += escapeHtml(text.slice(last));
  return html.replace(/\n/g, '<br>');
}

/**
 * Renders a reader's plain text as HTML: every byte escaped, blank lines as paragraphs, line breaks
 * kept, web addresses linked with `rel="nofollow ugc"` (as search engines ask of user content).
 */
export function renderReplyText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${renderInline(p)}</p>`)
    .join('');
}
