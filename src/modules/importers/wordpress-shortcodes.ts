// WordPress shortcodes (`[caption ...]...[/caption]`, `[embed]URL[/embed]`, `[gallery ids="1,2"]`) in
// post content. WordPress itself expands only the names a site registered; an export carries the
// names of every plugin the old site ran, so here a bracket counts as a shortcode when it looks like
// one: a core name, attributes (`=` or quotes), a `/]` ending, or a matching `[/name]` later. Plain
// brackets in prose ("[sic]", "[1]", "[see page 3]") are none of those and stay as they are.
//
// The scan is hand-written rather than one big regular expression so that it stays linear on hostile
// text (500 KB of `[[[[` or of unclosed `[caption`): each `[` is looked at once, a tag's attributes
// end at the next `[`, and closing tags are indexed once up front.

/** Names WordPress core registers: shortcodes even when written bare, like `[gallery]`. */
const coreNames = new Set(['caption', 'wp_caption', 'gallery', 'playlist', 'audio', 'video', 'embed']);

/** Turns one shortcode (its attributes and, for an enclosing one, its content) into HTML; null declines. */
type ShortcodeConverter = (attributes: Record<string, string>, content: string | undefined) => string | null;

interface OpeningTag {
  name: string;
  attributes: string;
  /** Index just past the tag's `]`. */
  end: number;
  selfClosing: boolean;
}

const namePattern = /[A-Za-z][\w-]*/y;

/** The opening tag starting at `text[start]` (a `[`), or null when the brackets there are not a tag. */
function readOpeningTag(text: string, start: number): OpeningTag | null {
  namePattern.lastIndex = start + 1;
  const name = namePattern.exec(text)?.[0];
  if (name === undefined) return null;
  const afterName = start + 1 + name.length;
  const next = text[afterName];
  if (next !== ']' && next !== '/' && next !== ' ' && next !== '\t' && next !== '\n') return null;
  let end = afterName;
  while (end < text.length && text[end] !== ']' && text[end] !== '[') end++;
  if (text[end] !== ']') return null;
  let attributes = text.slice(afterName, end).trim();
  const selfClosing = attributes.endsWith('/');
  if (selfClosing) attributes = attributes.slice(0, -1).trim();
  return { name, attributes, end: end + 1, selfClosing };
}

/** Where each `[/name]` starts, by name, in order: one pass, so finding a closer never rescans the text. */
function indexClosingTags(text: string): Map<string, number[]> {
  const closers = new Map<string, number[]>();
  for (let at = text.indexOf('[/'); at !== -1; at = text.indexOf('[/', at + 2)) {
    namePattern.lastIndex = at + 2;
    const name = namePattern.exec(text)?.[0];
    if (name === undefined || text[at + 2 + name.length] !== ']') continue;
    const positions = closers.get(name) ?? [];
    positions.push(at);
    closers.set(name, positions);
  }
  return closers;
}

/** The first `[/name]` at or after `from`, or -1. */
function nextClosingTag(closers: Map<string, number[]>, name: string, from: number): number {
  const positions = closers.get(name);
  if (!positions) return -1;
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return positions[low] ?? -1;
}

/** WordPress's attribute forms: `a="x"`, `a='x'`, `a=x`, and bare positional values. */
const attributePattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let position = 0;
  for (const match of source.matchAll(attributePattern)) {
    const name = match[1] ?? match[3] ?? match[5];
    if (name !== undefined) attributes[name.toLowerCase()] = match[2] ?? match[4] ?? match[6] ?? '';
    else attributes[String(position++)] = match[7] ?? match[8] ?? match[9] ?? '';
  }
  return attributes;
}

/** An http(s) address with nothing HTML-significant in it, as WordPress's oEmbed accepts. */
export const embeddableUrl = /^https?:\/\/[^\s<>"']+$/i;

/** The image (with the link around it, if any) that a caption describes. Bounded by the next `<`: linear. */
const captionedMedia = /(<a\b[^<>]*>\s*)?<img\b[^<>]*>(\s*<\/a>)?/i;

/** The shortcodes Gazette understands; every other one is kept as text and reported. */
const converters: Record<string, ShortcodeConverter> = {
  // `[caption id="attachment_5" width="300"]<img ...> The caption[/caption]`: older exports put the
  // caption in a `caption` attribute instead of after the image.
  caption(attributes, content) {
    const media = content === undefined ? null : captionedMedia.exec(content);
    if (!media || content === undefined) return null;
    const rest = (content.slice(0, media.index) + content.slice(media.index + media[0].length)).trim();
    const caption = rest || attributes.caption || '';
    return `<figure>${media[0]}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  },
  // `[embed]URL[/embed]` loaded a player from another host; here it is a plain link to the address.
  embed(_attributes, content) {
    const url = content?.trim() ?? '';
    return embeddableUrl.test(url) ? `<a href="${url}">${url}</a>` : null;
  },
};
converters.wp_caption = converters.caption!;

function looksLikeShortcode(tag: OpeningTag, closer: number): boolean {
  return coreNames.has(tag.name) || tag.selfClosing || closer !== -1 || /[="']/.test(tag.attributes);
}

/**
 * Expands the shortcodes Gazette understands (caption, embed) into HTML and leaves every other one
 * as its literal text, naming it in `unknown` (each name once, in order of appearance).
 * `[[name]]` is WordPress's way of writing a shortcode as text: it becomes `[name]`.
 * With `convertKnown` false nothing is converted: every shortcode is only named.
 */
export function expandShortcodes(text: string, convertKnown = true): { text: string; unknown: string[] } {
  const closers = indexClosingTags(text);
  const unknown = new Set<string>();
  let output = '';
  let copied = 0;
  let at = text.indexOf('[');
  while (at !== -1) {
    if (text[at + 1] === '[') {
      const inner = readOpeningTag(text, at + 1);
      if (inner && text[inner.end] === ']' && looksLikeShortcode(inner, -1)) {
        output += text.slice(copied, at) + text.slice(at + 1, inner.end);
        copied = inner.end + 1;
        at = text.indexOf('[', copied);
        continue;
      }
    }
    const tag = readOpeningTag(text, at);
    if (!tag) {
      at = text.indexOf('[', at + 1);
      continue;
    }
    const closer = tag.selfClosing ? -1 : nextClosingTag(closers, tag.name, tag.end);
    const convert = convertKnown ? converters[tag.name] : undefined;
    if (convert) {
      const content = closer === -1 ? undefined : text.slice(tag.end, closer);
      const html = convert(parseAttributes(tag.attributes), content);
      // A shortcode inside a converted one (a caption's text) stays as text too, and is named; one
      // level only, so nesting cannot make the scan quadratic.
      if (html !== null && content !== undefined) for (const name of expandShortcodes(content, false).unknown) unknown.add(name);
      const end = closer === -1 ? tag.end : closer + tag.name.length + 3;
      if (html !== null) output += text.slice(copied, at) + html;
      else unknown.add(tag.name);
      // Past the whole shortcode either way (a declined one stays as its literal text): looking
      // inside again from the next `[` would make `[caption][caption]...` quadratic.
      if (html !== null) copied = end;
      at = text.indexOf('[', end);
      continue;
    }
    if (looksLikeShortcode(tag, closer)) unknown.add(tag.name);
    at = text.indexOf('[', tag.end);
  }
  return { text: output + text.slice(copied), unknown: [...unknown] };
}
