import type { ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * A comment from WordPress or Disqus as the plain text a Gazette reply stores. WordPress keeps a
 * comment as the reader typed it, with the few tags it allows (`<a>`, `<em>`, `<strong>`,
 * `<blockquote>`, `<code>`…) and bare line breaks; Disqus sends HTML paragraphs. Gazette replies are
 * plain text (escaped, web addresses linked when shown), so tags become their text: paragraphs and
 * line breaks become blank lines and newlines, a quote gets `> `, a link keeps its address beside
 * its words so nothing the reader linked is lost. Entities are decoded once.
 */
export function commentHtmlToText(html: string): string {
  const document = parseDocument(html, { decodeEntities: true });
  const text = nodesText(document.children);
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const blockElements = new Set(['p', 'div', 'ul', 'ol', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'figure']);
const droppedElements = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template']);

function nodesText(nodes: ChildNode[]): string {
  return nodes.map(nodeText).join('');
}

function nodeText(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (node.type === 'cdata') return nodesText(node.children);
  if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return '';
  const name = node.name.toLowerCase();
  if (droppedElements.has(name)) return '';
  if (name === 'br') return '\n';
  const inner = nodesText(node.children);
  if (name === 'a') {
    const href = (node.attribs['href'] ?? '').trim();
    const words = inner.trim();
    if (!/^(https?:|mailto:)/i.test(href) || words === href || words === href.replace(/^mailto:/i, '')) return inner;
    return words ? `${inner} (${href})` : href;
  }
  if (name === 'img') return node.attribs['alt'] ?? '';
  if (name === 'li') return `\n- ${inner.trim()}`;
  if (name === 'blockquote') {
    const quoted = inner
      .trim()
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'))
      .join('\n');
    return `\n\n${quoted}\n\n`;
  }
  if (blockElements.has(name)) return `\n\n${inner}\n\n`;
  return inner;
}
