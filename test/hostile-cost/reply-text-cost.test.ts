import { describe, expect, it } from 'vitest';
import { findListedWord } from '../../src/modules/moderation/index.js';
import { renderReplyText } from '../../src/modules/replies/index.js';
import { replyLimits } from '../../src/modules/replies/index.js';

/** Milliseconds `fn` takes; the bounds below are generous (the machine is shared), the failures they catch are not. */
function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The longest reply a reader may send, made of `unit` repeated. */
const longest = (unit: string) => unit.repeat(Math.ceil(replyLimits.comment / unit.length)).slice(0, replyLimits.comment);

describe('reply text rendering is linear in the text', () => {
  // Before: linkify-it took 14 s on the first of these (issue 7, finding 2).
  it.each(['http://a.b/', 'www.', 'http://', 'https://a.b/(', 'www.a.b/) ', 'http://a.b. ', 'x '])(
    'renders 65,525 characters of %j in well under a second',
    (unit) => {
      const text = longest(unit);
      renderReplyText(text); // warm the code once; the bound is on the second run
      expect(timed(() => renderReplyText(text))).toBeLessThan(1000);
    },
  );

  it('links at most 50 addresses in one reply and leaves the rest as text', () => {
    const html = renderReplyText(Array.from({ length: 80 }, (_, i) => `https://example.org/${i}`).join(' '));
    expect(html.match(/<a /g)).toHaveLength(50);
    expect(html).toContain(
      '<a href="https://example.org/49" rel="nofollow ugc noopener">https://example.org/49</a> https://example.org/50 ',
    );
  });

  it('links web addresses as readers write them, leaving sentence punctuation out', () => {
    const link = (href: string, text = href) => `<a href="${href}" rel="nofollow ugc noopener">${text}</a>`;
    expect(renderReplyText('See https://example.org/x.')).toBe(`<p>See ${link('https://example.org/x')}.</p>`);
    expect(renderReplyText('(see https://example.org/a_(b))')).toBe(`<p>(see ${link('https://example.org/a_(b)')})</p>`);
    expect(renderReplyText('at www.example.org, or <HTTPS://EXAMPLE.ORG/>')).toBe(
      `<p>at ${link('http://www.example.org', 'www.example.org')}, or &lt;${link('HTTPS://EXAMPLE.ORG/')}&gt;</p>`,
    );
    expect(renderReplyText('"https://example.org/path"onmouseover=alert(1)')).toBe(
      `<p>&quot;${link('https://example.org/path')}&quot;onmouseover=alert(1)</p>`,
    );
    expect(renderReplyText('https://example.org/?a=1&b=<i>')).toBe(`<p>${link('https://example.org/?a=1&amp;b=')}&lt;i&gt;</p>`);
    // Only web addresses: no other scheme becomes a link, nor a bare word that looks like one.
    expect(renderReplyText('javascript:alert(1) ftp://x.org mailto:a@b.org xhttp://a.org http:// https://')).toBe(
      '<p>javascript:alert(1) ftp://x.org mailto:a@b.org xhttp://a.org http:// https://</p>',
    );
  });
});

/** The matcher as it was (a regular expression per listed word), kept as the reference for what matches. */
function regexReference(words: readonly string[], haystack: string): string | undefined {
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'iu').test(haystack)) return word;
  }
  return undefined;
}

describe('hold and block words are found in one pass over the reply', () => {
  it('takes no longer with a list of 3,000 words than with 30, on the longest reply', () => {
    // Before: a regular expression per word, so the work grew with the list: about 0.3 s a list
    // here, run for the hold and the block list on every post.
    const fastest = (words: string[], text: string) => Math.min(...[1, 2, 3].map(() => timed(() => findListedWord(words, text))));
    const list = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
    for (const unit of ['a', 'a ', 'é', '- ']) {
      const text = longest(unit);
      const short = fastest(list(30), text);
      const long = fastest(list(3000), text);
      expect(long, `${JSON.stringify(unit)}: ${long.toFixed(1)} ms against ${short.toFixed(1)} ms`).toBeLessThan(5 * short + 30);
    }
  });

  it('finds exactly what the regular expressions found, on many small random cases', () => {
    // A fixed seed: the same cases on every run.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', 'A', ' ', '.', '-', 'é', 'É', '_', '1', '😀', '𝒜', '!', 'ß', '\n'];
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(1 + Math.floor(random() * 3)));
      const haystack = pick(Math.floor(random() * 12));
      expect(findListedWord(words, haystack), `${JSON.stringify(words)} in ${JSON.stringify(haystack)}`).toBe(
        regexReference(words, haystack),
      );
    }
  });

  it("reports the first listed word that occurs, in the list's order", () => {
    expect(findListedWord(['zebra', 'apple'], 'an apple and a zebra')).toBe('zebra');
    expect(findListedWord(['buy now', 'cheap'], 'CHEAP pills, buy  now, buy now!')).toBe('buy now');
    expect(findListedWord(['x'.repeat(150)], `a ${'X'.repeat(150)} b`)).toBe('x'.repeat(150));
  });
});
