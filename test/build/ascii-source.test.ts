import { describe, expect, it } from 'vitest';
import { asciiSource } from '../../scripts/bundle-server.mjs';

/*
 * The bundle is rewritten in ASCII so V8 keeps its source at one byte a character
 * (scripts/bundle-server.mjs). The rewritten code must mean what it meant: each snippet below
 * is evaluated as written and as rewritten, and gives the same values.
 */
const evaluate = (source: string): unknown => new Function(`return (${source});`)();

describe('the bundle written in ASCII', () => {
  const snippets = {
    'a regular expression of look-alike letters': String.raw`/[авеёкмнорстух]+/u.exec('x орех y')[0]`,
    'a character class without the u flag': String.raw`'’quoted’ and ‘this’'.replace(/[’‘]/g, "'")`,
    'currency signs and a CJK unit in one pattern': String.raw`/[$€£¥₹₽₩₺]|元|万|円|원/g[Symbol.match]('5€ 3元 1円')`,
    'a character past the basic plane': String.raw`/😀+/u.test('ok 😀😀') && '😀'.length`,
    'a tagged template, its cooked strings':
      String.raw`((strings, ...values) => strings.join('|') + values.join(','))` + '`…snippet ${1} ’end’`',
    'a plain template and a comment': '/* a comment with ’ and … */ `Zoë’s ${"reply"} — ok`',
    'an identity escape before a character': String.raw`/\’/.test('’') && '\é'`,
    'an escaped backslash before a character': String.raw`'\\é'`,
    'a name with a letter past ASCII': String.raw`(() => { const café = 'ç'; return café + café; })()`,
  };

  for (const [what, source] of Object.entries(snippets))
    it(`keeps ${what}`, () => {
      const rewritten = asciiSource(source);
      expect(rewritten).toMatch(/^[\x00-\x7f]*$/);
      expect(evaluate(rewritten)).toEqual(evaluate(source));
    });

  it('leaves ASCII source as it is', () => {
    const source = String.raw`const a = /[\u0300-\u036f]/g; // plain "quotes" and \\ backslashes`;
    expect(asciiSource(source)).toBe(source);
  });
});
