import { afterAll, describe, expect, it } from 'vitest';
import { InvalidFields } from '../../src/lib/errors.js';
import { ARTICLE_BODY_LIMIT, createMarkdownRenderer } from '../../src/modules/articles/index.js';

/* Issue 9's speed target: an import's article bodies formatted a batch per worker task. */
describe('formatting many article bodies in one task', () => {
  const renderer = createMarkdownRenderer({ timeLimitMs: 2_000 });
  afterAll(() => renderer.close());

  it('answers each text’s sanitised HTML, in order', async () => {
    const html = await renderer.renderMany(['## One', '', 'Two <script>alert(1)</script> *three*', '[x](javascript:alert(1))']);
    expect(html).toEqual(['<h2>One</h2>\n', '', '<p>Two  <em>three</em></p>\n', '<p><a>x</a></p>\n']);
  });

  it('answers a refusal for the text that cannot be formatted and the HTML of the others', async () => {
    const tooLong = 'a'.repeat(ARTICLE_BODY_LIMIT + 1);
    const tooDeep = '> '.repeat(50_000) + 'deep';
    const html = await renderer.renderMany(['Before.', tooLong, tooDeep, 'After.']);
    expect(html[0]).toBe('<p>Before.</p>\n');
    expect(html[1]).toBeInstanceOf(InvalidFields);
    expect((html[1] as InvalidFields).problems[0]!.message).toMatch(/too long/);
    expect(html[2]).toBeInstanceOf(InvalidFields);
    expect((html[2] as InvalidFields).problems[0]!.message).toMatch(/too complex|too long to format/);
    expect(html[3]).toBe('<p>After.</p>\n');
  });
});
