// A link alone on its own line becomes a link card: a plain link drawn as a box that names what is
// behind it (a video on YouTube, a post on Mastodon…). The title comes from the address only:
// nothing is fetched from the other host, now or when a reader views the page, so no third party
// learns who reads what until the reader clicks through (PRODUCT.md: no third-party requests).
// Plain JavaScript because the Markdown worker thread (markdown.worker.js) loads it without a loader.

/** Hosts whose links get a named card; the key is the host without `www.` or `m.`. */
const knownHosts = {
  'youtube.com': 'Video on YouTube',
  'youtu.be': 'Video on YouTube',
  'vimeo.com': 'Video on Vimeo',
  'x.com': 'Post on X',
  'twitter.com': 'Post on X',
};

/** Turns `two-plus-two_talks` into `Two plus two talks`. */
function humanize(segment) {
  let text;
  try {
    text = decodeURIComponent(segment);
  } catch {
    text = segment;
  }
  text = text
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[-_+]+/g, ' ')
    .trim();
  if (!text || /^\d+$/.test(text) || text.length > 120) return '';
  return text[0].toUpperCase() + text.slice(1);
}

/**
 * What a card says about `href`: `{ kind, title, host }`, or null for an address that is not a
 * plain http(s) link (those stay as they were written).
 * @param {string} href
 * @returns {{ kind: string, title: string, host: string } | null}
 */
export function linkCardFor(href) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.replace(/^(?:www\.|m\.|mobile\.)/, '');
  const segments = url.pathname.split('/').filter(Boolean);
  const known = knownHosts[host];
  if (known === 'Post on X') {
    const user = segments[0] && /^[A-Za-z0-9_]{1,15}$/.test(segments[0]) ? `@${segments[0]}` : '';
    return { kind: known, title: user ? `A post by ${user}` : 'A post on X', host };
  }
  if (known) return { kind: known, title: known === 'Video on YouTube' ? 'A video on YouTube' : 'A video on Vimeo', host };
  // Mastodon and the other fediverse servers share one address shape: /@user/123456.
  const fedi = segments[0]?.match(/^@([A-Za-z0-9_.-]{1,64})$/);
  if (fedi) {
    const isPost = segments[1] !== undefined && /^\d+$/.test(segments[1]);
    return { kind: isPost ? 'Post on Mastodon' : 'Profile on Mastodon', title: `@${fedi[1]}@${host}`, host };
  }
  const title = humanize(segments[segments.length - 1] ?? '') || host;
  return { kind: 'Link', title, host };
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * The card's HTML (the sanitiser in markdown.worker.js allows exactly these classes).
 * @param {string} href
 * @returns {string | null}
 */
export function linkCardHtml(href) {
  const card = linkCardFor(href);
  if (!card) return null;
  return (
    `<figure class="link-card"><a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">` +
    `<span class="link-card-kind">${escapeHtml(card.kind)}</span>` +
    `<span class="link-card-title">${escapeHtml(card.title)}</span>` +
    `<span class="link-card-host">${escapeHtml(card.host)}</span></a></figure>\n`
  );
}

/**
 * A marked extension: a paragraph that is one bare link (its text is its address, as GFM's
 * autolinks and `<https://…>` make) renders as a card. A written link, `[words](https://…)`, stays
 * a link: the author chose its words.
 */
export const linkCardExtension = {
  renderer: {
    paragraph(token) {
      const only = token.tokens?.length === 1 ? token.tokens[0] : undefined;
      if (only?.type !== 'link' || only.text !== only.href) return false;
      return linkCardHtml(only.href) ?? false;
    },
  },
};
