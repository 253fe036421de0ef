import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse, parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { describeCode } from './vectors.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** One thing in a response that could run a reader's script, or send them somewhere they did not choose. */
export interface Finding {
  where: string;
  problem: string;
  /** The markup at fault, shortened. */
  markup: string;
  /** The corpus entries (field · vector) whose codes appear in that markup. */
  vectors: string[];
}

/** Attributes whose value is a URL a browser may load or navigate to. */
const urlAttributes = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background',
  'ping',
  'cite',
  'codebase',
  'lowsrc',
  'dynsrc',
]);
/** Elements user content must never produce: they load, frame, redirect or re-base the page. */
const forbiddenElements = new Set([
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'portal',
  'isindex',
  'param',
  'noembed',
]);

function codesIn(text: string): string[] {
  // Payloads report their code as a call's argument or a marker path: `__xss(4012)`, `/__xss/4012`.
  return [...new Set([...text.matchAll(/(?:\(|__xss\/|&#40;)(\d{4,5})\b/g)].map((m) => Number(m[1])))].map(describeCode);
}

/** A URL as a browser reads it: leading controls and spaces dropped, tabs and newlines removed (URL standard). */
function schemeOf(value: string): string {
  const cleaned = value
    .replace(/^[\u0000-\u0020]+/, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1] ?? '';
}

function isSiteScript(el: Element): boolean {
  const type = el.attrs.find((a) => a.name === 'type')?.value;
  const src = el.attrs.find((a) => a.name === 'src')?.value;
  const text = el.childNodes.map((c) => ('value' in c ? (c as { value: string }).value : '')).join('');
  if (type === 'application/ld+json' && src === undefined) return true;
  return src !== undefined && src.startsWith('/assets/') && text.trim() === '';
}

/**
 * The editor's preview: the site's own frame (never user content), sandboxed with no script, its
 * document given in `srcdoc`. That document is scanned in turn, as a page of its own.
 */
function isSitePreviewFrame(el: Element): boolean {
  const attr = (name: string) => el.attrs.find((a) => a.name === name)?.value;
  return (
    el.tagName === 'iframe' && attr('class') === 'preview-frame' && attr('sandbox') === 'allow-same-origin' && attr('src') === undefined
  );
}

function check(el: Element, where: string, options: { fragment: boolean }, out: Finding[]): void {
  const report = (problem: string) => {
    const markup = serializeOuter(el).slice(0, 300);
    out.push({ where, problem, markup, vectors: codesIn(markup) });
  };
  const name = el.tagName.toLowerCase();
  if (!options.fragment && isSitePreviewFrame(el)) {
    for (const attr of el.attrs) if (/^on/i.test(attr.name)) report(`an event handler attribute (${attr.name})`);
    out.push(...scanHtmlDocument(el.attrs.find((a) => a.name === 'srcdoc')?.value ?? '', `${where} (preview frame)`));
    return;
  }
  if (name === 'script' && (options.fragment || !isSiteScript(el))) report('a script element');
  if (forbiddenElements.has(name)) report(`a <${name}> element`);
  if (name === 'meta' && el.attrs.some((a) => a.name === 'http-equiv')) report('a <meta http-equiv>');
  if (name === 'link' && !options.fragment && el.attrs.some((a) => a.name === 'rel' && /import/i.test(a.value)))
    report('a <link rel=import>');
  if (name === 'form' && options.fragment) report('a form in user content');
  if (name === 'form') {
    const action = el.attrs.find((a) => a.name === 'action')?.value ?? '';
    if (action !== '' && !action.startsWith('/')) report('a form posting away from the site');
  }
  for (const attr of el.attrs) {
    const attrName = (attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name).toLowerCase();
    if (/^on/.test(attr.name.toLowerCase())) report(`an event handler attribute (${attrName})`);
    if (attr.name === 'srcdoc') report('an srcdoc attribute');
    if (attr.name === 'style') report('a style attribute');
    if (urlAttributes.has(attrName) || attr.name === 'href') {
      const scheme = schemeOf(attr.value);
      if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'livescript' || scheme === 'data') {
        report(`a ${scheme}: URL in ${attrName}`);
      }
    }
  }
}

function walk(node: Node, visit: (el: Element) => void): void {
  if ('tagName' in node) visit(node as Element);
  if ('childNodes' in node) for (const child of node.childNodes) walk(child, visit);
  // A <template>'s content is parsed too: it becomes live markup once a script clones it.
  if ('content' in node && node.content) walk(node.content as Node, visit);
}

/** Every way a whole HTML page could run script or navigate that the site did not put there itself. */
export function scanHtmlDocument(html: string, where: string): Finding[] {
  const out: Finding[] = [];
  walk(parse(html) as Node, (el) => {
    check(el, where, { fragment: false }, out);
    if (el.tagName === 'script' && el.attrs.some((a) => a.name === 'type' && a.value === 'application/ld+json')) {
      const text = el.childNodes.map((c) => ('value' in c ? (c as { value: string }).value : '')).join('');
      out.push(...scanJsonLd(text, where));
    }
  });
  return out;
}

/** The same rules for an HTML fragment (a feed item's content, the inline form's new reply); no script at all. */
export function scanHtmlFragment(html: string, where: string): Finding[] {
  const out: Finding[] = [];
  walk(parseFragment(html) as Node, (el) => check(el, where, { fragment: true }, out));
  return out;
}

/** JSON-LD must parse as JSON and hold nothing that could end its script element early. */
export function scanJsonLd(text: string, where: string): Finding[] {
  const out: Finding[] = [];
  if (/<\/script|<!--|<script/i.test(text))
    out.push({ where, problem: 'JSON-LD that can end or restart its script element', markup: text.slice(0, 300), vectors: codesIn(text) });
  try {
    JSON.parse(text);
  } catch (error) {
    out.push({ where, problem: `JSON-LD that is not JSON (${(error as Error).message})`, markup: text.slice(0, 300), vectors: [] });
  }
  return out;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false as unknown as string,
  isArray: (name) => ['item', 'entry', 'category'].includes(name),
});

function textOf(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return String((value as Record<string, unknown>)['#text']);
  return '';
}

/**
 * An RSS or Atom feed: well-formed XML (a feed reader refuses anything else), no element from
 * another namespace smuggled in, and every field a reader renders as HTML (titles, descriptions,
 * summaries, contents) inert as an HTML fragment.
 */
export function scanXmlFeed(body: string, where: string): Finding[] {
  const valid = XMLValidator.validate(body);
  if (valid !== true)
    return [
      {
        where,
        problem: `a feed that is not well-formed XML (${valid.err.msg}, line ${valid.err.line})`,
        markup: body.split('\n')[valid.err.line - 1]?.slice(0, 300) ?? '',
        vectors: codesIn(body.split('\n')[valid.err.line - 1] ?? ''),
      },
    ];
  const out: Finding[] = [];
  // The validator lets a raw "<" inside an attribute value pass; XML forbids it and browsers refuse the feed.
  const outsideCdata = body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const m of outsideCdata.matchAll(/\s[\w:-]+="[^"]*<[^"]*"/g))
    out.push({ where, problem: 'a raw "<" in an XML attribute value (ill-formed)', markup: m[0].slice(0, 300), vectors: codesIn(m[0]) });
  const foreign = /<([a-z][\w.-]*):(script|iframe|img|svg|a|body|html)\b/gi;
  for (const m of body.matchAll(foreign))
    out.push({
      where,
      problem: `a namespaced <${m[1]}:${m[2]}> element`,
      markup: m[0],
      vectors: codesIn(body.slice(m.index, m.index + 200)),
    });
  const doc = xml.parse(body) as Record<string, any>;
  const htmlFields: string[] = [];
  if (doc.rss) {
    const channel = doc.rss.channel;
    htmlFields.push(textOf(channel.title), textOf(channel.description));
    for (const item of channel.item ?? []) htmlFields.push(textOf(item.title), textOf(item.description), textOf(item['content:encoded']));
  } else if (doc.feed) {
    htmlFields.push(textOf(doc.feed.title), textOf(doc.feed.subtitle));
    for (const entry of doc.feed.entry ?? []) htmlFields.push(textOf(entry.title), textOf(entry.summary), textOf(entry.content));
  } else {
    out.push({ where, problem: 'neither RSS nor Atom', markup: body.slice(0, 200), vectors: [] });
  }
  for (const field of htmlFields) out.push(...scanHtmlFragment(field, where));
  return out;
}

/** A JSON Feed: valid JSON, every `content_html` inert. */
export function scanJsonFeed(body: string, where: string): Finding[] {
  const feed = JSON.parse(body) as { items: { content_html?: string }[] };
  return feed.items.flatMap((item) => (item.content_html ? scanHtmlFragment(item.content_html, where) : []));
}

/** Findings as lines a person can act on. */
export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.where}: ${f.problem}\n    ${f.markup}\n    ${f.vectors.join('\n    ')}`).join('\n');
}
