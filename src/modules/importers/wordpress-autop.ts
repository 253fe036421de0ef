// The text of a classic-editor post is stored as the author typed it: paragraphs are blank lines and
// a single newline is a line break; WordPress adds the <p> and <br> when it displays the post
// (its `wpautop` filter). This does the same before the HTML goes to the Markdown converter, in a
// smaller way: block tags are left alone, <pre> keeps its whitespace, the rest becomes paragraphs.
// Every step is a single pass or a regular expression bounded by the next `<`, so hostile text stays linear.

import { embeddableUrl } from './wordpress-shortcodes.js';

// prettier-ignore
const blockNames = [
  'address', 'article', 'aside', 'blockquote', 'caption', 'col', 'colgroup', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h[1-6]', 'header', 'hgroup', 'hr', 'li', 'math', 'menu',
  'nav', 'ol', 'p', 'pre', 'section', 'style', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];
/** An opening or closing block tag; `[^<>]*` stops at the next `<`, so an unclosed `<table` costs no backtracking. */
const blockTag = new RegExp(`<(/?)(?:${blockNames.join('|')})(?=[\\s/>])[^<>]*>`, 'gi');
const openingBlockTag = new RegExp(`^<(?:${blockNames.join('|')})(?=[\\s/>])[^<>]*>`, 'i');
const closingBlockTag = new RegExp(`^</(?:${blockNames.join('|')})\\s*>$`, 'i');

/** Stands for a protected <pre> element while the text around it is reshaped: NUL never survives into HTML. */
const placeholder = (index: number) => `\u0000${index}\u0000`;
const placeholderPattern = /\u0000(\d+)\u0000/g;

/** Takes each <pre>...</pre> out of `html` (an unclosed one runs to the end, as an HTML parser reads it). */
export function protectPreformatted(html: string): { text: string; restore: (text: string) => string } {
  const lower = html.toLowerCase();
  const kept: string[] = [];
  let text = '';
  let copied = 0;
  for (let at = lower.indexOf('<pre'); at !== -1; at = lower.indexOf('<pre', copied)) {
    if (!/[\s>/]/.test(lower[at + 4] ?? '')) {
      text += html.slice(copied, at + 4);
      copied = at + 4;
      continue;
    }
    const close = lower.indexOf('</pre>', at);
    const end = close === -1 ? html.length : close + '</pre>'.length;
    text += html.slice(copied, at) + `\n\n${placeholder(kept.length)}\n\n`;
    kept.push(html.slice(at, end));
    copied = end;
  }
  text += html.slice(copied);
  return { text, restore: (reshaped) => reshaped.replace(placeholderPattern, (_match, index: string) => kept[Number(index)] ?? '') };
}

/**
 * A URL alone on its line was an oEmbed in WordPress (a player from another host); Gazette loads
 * nothing from elsewhere, so it becomes a plain link to that address.
 */
export function linkBareUrls(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const url = line.trim();
      return embeddableUrl.test(url) ? `<a href="${url}">${url}</a>` : line;
    })
    .join('\n');
}

/** Single newlines in a paragraph as <br>, except inside a tag (`<a\nhref>`) or right after a <br>. */
function breakLines(paragraph: string): string {
  const parts: string[] = [];
  let inTag = false;
  let start = 0;
  for (let at = 0; at < paragraph.length; at++) {
    const character = paragraph[at];
    if (character === '<') inTag = true;
    else if (character === '>') inTag = false;
    else if (character === '\n' && !inTag && !/<br\s*\/?>\s*$/i.test(paragraph.slice(Math.max(start, at - 8), at))) {
      parts.push(paragraph.slice(start, at), '<br />');
      start = at;
    }
  }
  parts.push(paragraph.slice(start));
  return parts.join('');
}

/**
 * One blank-line separated chunk as HTML. Block tags were given blank lines around them, so a chunk
 * is at most an opening block tag, text, and a closing block tag. Bare text becomes a paragraph, as
 * does text opening a <blockquote> (WordPress does the same); text inside other blocks (<li>, <h2>,
 * <td>) stays bare. Newlines in the text are line breaks either way.
 */
function shapeChunk(chunk: string, lineBreaks: boolean): string {
  if (/^\u0000\d+\u0000$/.test(chunk) || chunk.startsWith('</')) return chunk;
  const head = openingBlockTag.exec(chunk)?.[0] ?? '';
  const cut = chunk.lastIndexOf('</');
  const tail = cut >= head.length && closingBlockTag.test(chunk.slice(cut)) ? chunk.slice(cut) : '';
  const text = chunk.slice(head.length, chunk.length - tail.length).trim();
  if (!text) return head + tail;
  const wrap = head === '' || /^<blockquote/i.test(head);
  const inner = lineBreaks ? breakLines(text) : text;
  return head + (wrap ? `<p>${inner}</p>` : inner) + tail;
}

/**
 * Classic-editor text (blank lines between paragraphs, no <p>) as HTML with paragraphs and line
 * breaks. `lineBreaks: false` for block-editor content: its blocks carry their own markup, and only
 * bare text between them (a shortcode or freeform block) is made a paragraph.
 */
export function addParagraphs(text: string, options: { lineBreaks: boolean } = { lineBreaks: true }): string {
  const spaced = text.replace(/\r\n?/g, '\n').replace(blockTag, (tag, closing: string) => (closing ? `${tag}\n\n` : `\n\n${tag}`));
  const chunks: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    const chunk = lines.join('\n').trim();
    lines = [];
    if (chunk) chunks.push(shapeChunk(chunk, options.lineBreaks));
  };
  for (const line of spaced.split('\n')) {
    if (line.trim()) lines.push(line);
    else flush();
  }
  flush();
  return chunks.join('\n\n');
}
