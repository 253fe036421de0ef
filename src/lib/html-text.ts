import { Parser } from 'htmlparser2';

/** Elements whose end is a break between words (a paragraph's last word must not run into the next's first). */
const breaking = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'tr',
  'td',
  'th',
  'hr',
]);
/** Elements whose text no reader sees. */
const hidden = new Set(['script', 'style', 'template']);

/**
 * The words of an HTML fragment as one line of plain text: tags out, entities decoded, block ends
 * and runs of white space folded into one space. What a search index stores of an article body.
 */
export function textOfHtml(html: string): string {
  const parts: string[] = [];
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (hidden.has(name)) hiddenDepth++;
        if (breaking.has(name) || /^h[1-6]$/.test(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (hidden.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        if (breaking.has(name) || /^h[1-6]$/.test(name)) parts.push(' ');
      },
      ontext(text) {
        if (hiddenDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('').replace(/\s+/g, ' ').trim();
}
