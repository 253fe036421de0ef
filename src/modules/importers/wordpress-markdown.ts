// HTML to Gazette Markdown with turndown, plus the rules a newsroom's old posts need: figures and
// tables stay as raw HTML (the article renderer allows them, and Markdown has no figure nor table with
// merged cells), images with a size keep it, frames become links, scripts and forms go, and text is
// escaped so that what readers see is what the old page said, character for character.

import TurndownService from 'turndown';
import { escapeHtml } from '../../lib/html.js';
import { embeddableUrl } from './wordpress-shortcodes.js';

/** Elements dropped with everything inside them: active content, or controls that do nothing in an article. */
// prettier-ignore
const droppedElements = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'FORM', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'OBJECT', 'EMBED', 'CANVAS', 'SVG',
]);

/** Kept inside a raw figure caption or table; anything else is unwrapped to its content (the renderer sanitises again). */
const rawHtmlElements: Record<string, string[]> = {
  A: ['href', 'title'],
  IMG: ['src', 'alt', 'title', 'width', 'height'],
  ABBR: ['title'],
  TH: ['scope', 'colspan', 'rowspan'],
  TD: ['colspan', 'rowspan'],
  ...Object.fromEntries(
    // prettier-ignore
    ['TABLE', 'CAPTION', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'P', 'BR', 'UL', 'OL', 'LI', 'EM', 'STRONG', 'I', 'B', 'CODE',
     'SUB', 'SUP', 'S', 'DEL', 'INS', 'SMALL', 'MARK', 'CITE', 'Q', 'KBD'].map((name) => [name, []]),
  ),
};
const voidElements = new Set(['BR', 'IMG']);

/** Markdown syntax that turndown's own escaping leaves alone but marked (GFM) would act on. */
function escapeMore(text: string): string {
  return text
    .replace(/~/g, '\\~') // GFM strikethrough
    .replace(/^(\d+)\) /, '$1\\) ') // an ordered list written with `)`
    .replace(/&(?=#?\w+;)/g, '&amp;') // "&amp;lt;" in the post is the text "&lt;": keep it from being read as an entity
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;'); // "&lt;b&gt;" in the post is the text "<b>", not a tag
}

/** Rewrites an address on the old site (`https://old.example/2019/05/x/`) to its path (`/2019/05/x/`). */
function sameSiteRewriter(siteUrl: string | undefined): (url: string) => string {
  if (!siteUrl || !embeddableUrl.test(siteUrl.trim()) || !URL.canParse(siteUrl.trim())) return (url) => url;
  const site = new URL(siteUrl.trim());
  const base = `//${site.host}${site.pathname.replace(/\/$/, '')}`.toLowerCase();
  return (url) => {
    if (!/^https?:\/\//i.test(url)) return url;
    const withoutScheme = url.slice(url.indexOf('//'));
    const rest = withoutScheme.slice(base.length);
    if (!withoutScheme.toLowerCase().startsWith(base) || (rest && !/^[/?#]/.test(rest))) return url;
    const parsed = URL.canParse(url) ? new URL(url) : null;
    return parsed ? `${parsed.pathname}${parsed.search}${parsed.hash}` : url;
  };
}

/**
 * The address to keep for a link or image, or null for one readers must not follow (`javascript:`,
 * `data:`: browsers ignore tabs and newlines inside a scheme, so this does too). A protocol-relative
 * `//host/x` becomes https, which the renderer accepts.
 */
function safeUrl(url: string, rewrite: (url: string) => string): string | null {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed.replace(/[\s\u0000-\u001f]/g, ''))?.[1]?.toLowerCase();
  if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme)) return null;
  return rewrite(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
}

/** A link as Markdown: an autolink when its text is its own absolute address, else `[text](href "title")`. */
function markdownLink(text: string, href: string, title: string | null, textIsAddress: boolean): string {
  if (textIsAddress && !title && embeddableUrl.test(href)) return `<${href}>`;
  return `[${text}](${destination(href)}${title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : ''})`;
}

function attribute(name: string, value: string): string {
  return ` ${name}="${escapeHtml(value)}"`;
}

/** One line of clean HTML for `node`'s children: whitespace collapsed (a blank line would end the raw HTML block). */
function rawHtml(nodes: ArrayLike<Node>, rewrite: (url: string) => string): string {
  let html = '';
  for (const child of Array.from(nodes)) {
    if (child.nodeType === 3) html += escapeHtml((child.nodeValue ?? '').replace(/\s+/g, ' '));
    if (child.nodeType !== 1) continue;
    const element = child as HTMLElement;
    if (droppedElements.has(element.nodeName)) continue;
    const allowed = rawHtmlElements[element.nodeName];
    if (!allowed) {
      html += element.nodeName === 'IFRAME' ? frameLinkHtml(element) : rawHtml(element.childNodes, rewrite);
      continue;
    }
    const name = element.nodeName.toLowerCase();
    let attributes = '';
    for (const key of allowed) {
      let value = element.getAttribute(key);
      if (value === null) continue;
      if (key === 'href' || key === 'src') {
        value = safeUrl(value, rewrite);
        if (value === null) continue;
      }
      attributes += attribute(key, value);
    }
    html += voidElements.has(element.nodeName)
      ? `<${name}${attributes}>`
      : `<${name}${attributes}>${rawHtml(element.childNodes, rewrite)}</${name}>`;
  }
  return html;
}

function frameSource(frame: HTMLElement): string | null {
  const src = (frame.getAttribute('src') ?? '').trim();
  return embeddableUrl.test(src) ? src : null;
}

function frameLinkHtml(frame: HTMLElement): string {
  const src = frameSource(frame);
  return src ? `<a${attribute('href', src)}>${escapeHtml(src)}</a>` : '';
}

const blockParents = new Set(['P', 'LI', 'TD', 'TH', 'DIV', 'BLOCKQUOTE', 'FIGCAPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** The <br> elements at the end of each block (nothing but whitespace, breaks or dropped elements after them). */
const trailingBreaks = new WeakMap<Node, Set<Node>>();

/** True when `br` ends its block. Each block's children are walked once (from the end), whatever its number of <br>. */
function endsItsBlock(br: HTMLElement): boolean {
  const parent = br.parentNode;
  if (!parent || !blockParents.has(parent.nodeName)) return false;
  let breaks = trailingBreaks.get(parent);
  if (!breaks) {
    breaks = new Set();
    for (let node = parent.lastChild; node; node = node.previousSibling) {
      if (node.nodeType === 3 && (node.nodeValue ?? '').trim()) break;
      if (node.nodeType === 1 && node.nodeName !== 'BR' && !droppedElements.has(node.nodeName)) break;
      if (node.nodeName === 'BR') breaks.add(node);
    }
    trailingBreaks.set(parent, breaks);
  }
  return breaks.has(br);
}

/** An element's text with its <br> as newlines (a classic-editor <pre> often has them). */
function preformattedText(node: HTMLElement): string {
  for (const br of Array.from(node.querySelectorAll('br'))) br.parentNode?.replaceChild(node.ownerDocument.createTextNode('\n'), br);
  return node.textContent ?? '';
}

/** A converter for one post; `siteUrl` makes links and images on the old site root-relative. */
export function createWordpressTurndown(siteUrl?: string): TurndownService {
  const rewrite = sameSiteRewriter(siteUrl);
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    hr: '---',
    br: '\\',
  });
  const escape = service.escape.bind(service);
  service.escape = (text) => escapeMore(escape(text));

  service.remove((node) => droppedElements.has(node.nodeName));
  // A line break ending a paragraph would be a literal backslash in Markdown; it showed nothing anyway.
  service.addRule('lineBreak', {
    filter: 'br',
    replacement: (_content, node) => (endsItsBlock(node) ? '' : '\\\n'),
  });
  service.addRule('frame', {
    filter: 'iframe',
    replacement: (_content, node) => {
      const src = frameSource(node);
      return src ? `<${src}>` : '';
    },
  });
  // The page's headline is its only <h1>: a heading inside the body is a section, one level down.
  service.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => `\n\n${'#'.repeat(Math.max(2, Number(node.nodeName.charAt(1))))} ${content}\n\n`,
  });
  service.addRule('preformatted', {
    filter: 'pre',
    replacement: (_content, node) => {
      const code = preformattedText(node).replace(/\n$/, '');
      const language = /language-([\w-]+)/.exec(node.querySelector('code')?.getAttribute('class') ?? '')?.[1] ?? '';
      const longestRun = Math.max(2, ...Array.from(code.matchAll(/`+/g), (run) => run[0].length));
      const fence = '`'.repeat(longestRun + 1);
      return `\n\n${fence}${language}\n${code}\n${fence}\n\n`;
    },
  });
  service.addRule('embedFigure', {
    filter: (node) => node.nodeName === 'FIGURE' && /\bwp-block-embed\b/.test(node.getAttribute('class') ?? ''),
    replacement: (_content, node) => {
      const wrapper = node.querySelector('.wp-block-embed__wrapper') ?? node;
      const url = (wrapper.textContent ?? '').trim();
      const caption = node.querySelector('figcaption');
      const captionText = caption ? service.turndown(caption.innerHTML) : '';
      const link = embeddableUrl.test(url) ? markdownLink(service.escape(url), rewrite(url), null, true) : '';
      return `\n\n${[link, captionText].filter(Boolean).join('\n\n')}\n\n`;
    },
  });
  service.addRule('figure', {
    // One image with its caption; a gallery (several images, or figures in a figure) is left to the
    // default rules, which convert each image and caption in turn.
    filter: (node) => node.nodeName === 'FIGURE' && node.querySelectorAll('img').length === 1 && !node.querySelector('figure'),
    replacement: (_content, node) => {
      const image = node.querySelector('img')!;
      const link = image.parentNode?.nodeName === 'A' ? (image.parentNode as HTMLElement) : null;
      const media = rawHtml([link ?? image], rewrite);
      const caption = node.querySelector('figcaption');
      const captionHtml = caption ? rawHtml(caption.childNodes, rewrite).trim() : '';
      return `\n\n<figure>${media}${captionHtml ? `<figcaption>${captionHtml}</figcaption>` : ''}</figure>\n\n`;
    },
  });
  service.addRule('table', {
    filter: 'table',
    replacement: (_content, node) => `\n\n<table>${rawHtml(node.childNodes, rewrite)}</table>\n\n`,
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = safeUrl(node.getAttribute('src') ?? '', rewrite);
      if (!src) return '';
      // Markdown images have no size: one with a width or height stays an <img> so its box is kept.
      if (node.hasAttribute('width') || node.hasAttribute('height')) return rawHtml([node], rewrite);
      const alt = service.escape((node.getAttribute('alt') ?? '').replace(/\s+/g, ' '));
      const title = node.getAttribute('title');
      return `!${markdownLink(alt, src, title, false)}`;
    },
  });
  service.addRule('link', {
    filter: (node) => node.nodeName === 'A' && node.hasAttribute('href'),
    replacement: (content, node) => {
      const href = safeUrl(node.getAttribute('href') ?? '', rewrite);
      if (href === null) return content;
      const textIsAddress = (node.textContent ?? '').trim() === (node.getAttribute('href') ?? '').trim();
      return markdownLink(content, href, node.getAttribute('title'), textIsAddress);
    },
  });
  service.addRule('strikethrough', {
    filter: (node) => ['DEL', 'S', 'STRIKE'].includes(node.nodeName),
    replacement: (content) => (content.trim() ? `~~${content}~~` : ''),
  });
  // No Markdown for these, and the renderer allows them as they are.
  service.addRule('inlineHtml', {
    filter: ['sub', 'sup', 'mark', 'ins', 'small', 'kbd'],
    replacement: (content, node) => {
      const name = node.nodeName.toLowerCase();
      return content.trim() ? `<${name}>${content}</${name}>` : '';
    },
  });
  return service;
}

/** A Markdown link destination: in angle brackets when it has spaces or parentheses, which would end it early. */
function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, (ch) => encodeURIComponent(ch))}>` : url;
}
