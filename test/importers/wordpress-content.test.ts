import { afterAll, describe, expect, it } from 'vitest';
import { Invalid } from '../../src/lib/errors.js';
import { createMarkdownRenderer } from '../../src/modules/articles/index.js';
import { wordpressContentToMarkdown } from '../../src/modules/importers/wordpress-content.js';

const markdownOf = (html: string, siteUrl?: string) => wordpressContentToMarkdown(html, siteUrl ? { siteUrl } : {}).markdown;

describe('WordPress classic-editor text', () => {
  it('makes paragraphs of blank-line separated text and line breaks of single newlines', () => {
    expect(markdownOf('First line\nsecond line.\n\nSecond paragraph.')).toBe('First line\\\nsecond line.\n\nSecond paragraph.');
  });

  it('makes paragraphs inside a blockquote, with its line breaks', () => {
    expect(markdownOf('<blockquote>One\nline two\n\nAnother</blockquote>\nAfter.')).toBe('> One\\\n> line two\n> \n> Another\n\nAfter.');
  });

  it('leaves block HTML unwrapped between paragraphs', () => {
    const html = 'Intro.\n<h2>Section</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<blockquote>Quoted words.</blockquote>\nOutro.';
    expect(markdownOf(html)).toBe('Intro.\n\n## Section\n\n-   one\n-   two\n\n> Quoted words.\n\nOutro.');
  });

  it('keeps the whitespace and blank lines of <pre>, with its entities decoded once', () => {
    const html = 'Code:\n\n<pre>  if (a &lt; b) {\n\n    go();\n  }</pre>\n\nAfter.';
    expect(markdownOf(html)).toBe('Code:\n\n```\n  if (a < b) {\n\n    go();\n  }\n```\n\nAfter.');
  });

  it('makes a heading inside the body a section, since the headline is the page’s only <h1>', () => {
    expect(markdownOf('<h1>Big</h1>\n<h3>Small</h3>')).toBe('## Big\n\n### Small');
  });

  it('escapes Markdown syntax in prose so the text reads as written', () => {
    const html = '*not emphasis* and snake_case_name\n\n# not a heading\n\n1. not a list\n\n2) nor this\n\n~~no strike~~';
    expect(markdownOf(html)).toBe(
      '\\*not emphasis\\* and snake\\_case\\_name\n\n\\# not a heading\n\n1\\. not a list\n\n2\\) nor this\n\n\\~\\~no strike\\~\\~',
    );
  });

  it('turns entities into the characters they stand for, and keeps escaped markup as text', () => {
    expect(markdownOf('Fish &amp; chips&nbsp;&#8217;n&#8217; more&hellip;')).toBe('Fish & chips\u00a0’n’ more…');
    expect(markdownOf('Write &lt;b&gt; for bold, and &amp;lt; for &lt;.')).toBe('Write &lt;b> for bold, and &amp;lt; for <.');
  });

  it('keeps right-to-left and CJK text as it is', () => {
    const html = 'مرحبا بالعالم\n\nשלום עולם\n\n東京で会いましょう。你好，世界！';
    expect(markdownOf(html)).toBe('مرحبا بالعالم\n\nשלום עולם\n\n東京で会いましょう。你好，世界！');
  });

  it('makes a URL alone on its line (an oEmbed) a plain link, and leaves a URL inside a sentence as text', () => {
    expect(markdownOf('Watch:\n\nhttps://www.youtube.com/watch?v=abc_1\n\nor see https://example.org/x today.')).toBe(
      'Watch:\n\n<https://www.youtube.com/watch?v=abc_1>\n\nor see https://example.org/x today.',
    );
  });
});

describe('WordPress block-editor content', () => {
  const blocks = [
    '<!-- wp:paragraph -->\n<p>Opening <strong>words</strong>.</p>\n<!-- /wp:paragraph -->',
    '<!--more-->',
    '<!-- wp:heading -->\n<h2 class="wp-block-heading">Part two</h2>\n<!-- /wp:heading -->',
    '<!--nextpage-->',
    '<!-- wp:image {"id":5,"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="https://cdn.example/a.jpg" alt="A cat" class="wp-image-5"/><figcaption class="wp-element-caption">Cats &amp; dogs</figcaption></figure>\n<!-- /wp:image -->',
    '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=xyz","type":"video"} -->\n<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=xyz\n</div></figure>\n<!-- /wp:embed -->',
  ].join('\n\n');

  it('drops block delimiters and more/nextpage markers, and keeps the blocks', () => {
    expect(markdownOf(blocks)).toBe(
      'Opening **words**.\n\n## Part two\n\n' +
        '<figure><img src="https://cdn.example/a.jpg" alt="A cat"><figcaption>Cats &amp; dogs</figcaption></figure>\n\n' +
        '<https://www.youtube.com/watch?v=xyz>',
    );
  });

  it('adds no paragraphs or line breaks of its own to block content', () => {
    expect(markdownOf('<!-- wp:html -->\n<div>one\ntwo</div>\n<!-- /wp:html -->')).toBe('one two');
  });

  it('keeps a table as one line of clean HTML', () => {
    const html =
      '<!-- wp:table -->\n<figure class="wp-block-table"><table class="x"><tbody>\n\n<tr><td style="color:red">a *b*</td><td colspan="2">c</td></tr>\n</tbody></table></figure>\n<!-- /wp:table -->';
    expect(markdownOf(html)).toBe('<table><tbody><tr><td>a *b*</td><td colspan="2">c</td></tr></tbody></table>');
  });
});

describe('WordPress shortcodes', () => {
  it('makes a [caption] a figure with the image and its caption', () => {
    const html =
      '[caption id="attachment_5" align="aligncenter" width="300"]<img src="https://cdn.example/c.jpg" alt="Harbour" width="300" height="200" class="size-medium" /> The harbour at <em>dawn</em>[/caption]';
    expect(wordpressContentToMarkdown(html)).toEqual({
      markdown:
        '<figure><img src="https://cdn.example/c.jpg" alt="Harbour" width="300" height="200"><figcaption>The harbour at <em>dawn</em></figcaption></figure>',
      unknownShortcodes: [],
    });
  });

  it('keeps the link around a captioned image, and reads the older caption attribute', () => {
    const html =
      '[caption id="" caption="Old style"]<a href="https://cdn.example/big.jpg"><img src="https://cdn.example/c.jpg" alt="" /></a>[/caption]';
    expect(markdownOf(html)).toBe(
      '<figure><a href="https://cdn.example/big.jpg"><img src="https://cdn.example/c.jpg" alt=""></a><figcaption>Old style</figcaption></figure>',
    );
  });

  it('names a shortcode written inside a caption, and keeps it as text there', () => {
    const html = '[caption]<img src="https://cdn.example/c.jpg" alt="" /> See [gallery ids="1"][/caption]';
    expect(wordpressContentToMarkdown(html)).toEqual({
      markdown: '<figure><img src="https://cdn.example/c.jpg" alt=""><figcaption>See [gallery ids=&quot;1&quot;]</figcaption></figure>',
      unknownShortcodes: ['gallery'],
    });
  });

  it('makes [embed]URL[/embed] a plain link', () => {
    expect(wordpressContentToMarkdown('[embed]https://vimeo.com/123[/embed]')).toEqual({
      markdown: '<https://vimeo.com/123>',
      unknownShortcodes: [],
    });
  });

  it('keeps every other shortcode as visible text and names each once', () => {
    const html =
      'Photos: [gallery ids="1,2"]\n\n[audio src="https://cdn.example/a.mp3"]\n\n[video]\n\n[playlist ids="3"]\n\n[gallery ids="4"]\n\n[contact-form-7 id="9" title="Contact"]\n\n[note]Read this[/note]';
    expect(wordpressContentToMarkdown(html)).toEqual({
      markdown:
        'Photos: \\[gallery ids="1,2"\\]\n\n\\[audio src="https://cdn.example/a.mp3"\\]\n\n\\[video\\]\n\n\\[playlist ids="3"\\]\n\n\\[gallery ids="4"\\]\n\n' +
        '\\[contact-form-7 id="9" title="Contact"\\]\n\n\\[note\\]Read this\\[/note\\]',
      unknownShortcodes: ['gallery', 'audio', 'video', 'playlist', 'contact-form-7', 'note'],
    });
  });

  it('keeps a shortcode it cannot read as text and names it: an embed of something not a URL, a caption with no image', () => {
    expect(wordpressContentToMarkdown('[embed]not a url[/embed]\n\n[caption]Just words[/caption]')).toEqual({
      markdown: '\\[embed\\]not a url\\[/embed\\]\n\n\\[caption\\]Just words\\[/caption\\]',
      unknownShortcodes: ['embed', 'caption'],
    });
  });

  it('leaves square brackets that are not shortcodes alone', () => {
    expect(wordpressContentToMarkdown('He said [sic] it twice [1], see [page 3] and [Note: later].')).toEqual({
      markdown: 'He said \\[sic\\] it twice \\[1\\], see \\[page 3\\] and \\[Note: later\\].',
      unknownShortcodes: [],
    });
  });

  it('reads [[gallery]] as the text [gallery], as WordPress does', () => {
    expect(wordpressContentToMarkdown('Type [[gallery]] to show photos.')).toEqual({
      markdown: 'Type \\[gallery\\] to show photos.',
      unknownShortcodes: [],
    });
  });

  it('returns promptly from 500 KB of hostile brackets, comments and unclosed tags, keeping the text', () => {
    const size = 500_000;
    const brackets = wordpressContentToMarkdown('['.repeat(size));
    expect(brackets.markdown).toBe('\\['.repeat(size));
    const count = 50_000;
    const unclosed = wordpressContentToMarkdown('[caption '.repeat(count));
    expect(unclosed.unknownShortcodes).toEqual([]);
    expect(unclosed.markdown.split('\\[caption').length - 1).toBe(count);
    const oneCloser = wordpressContentToMarkdown('[caption]'.repeat(count) + '[/caption]');
    expect(oneCloser.unknownShortcodes).toEqual(['caption']);
    for (const hostile of [
      '<!--'.repeat(size / 4),
      '<pre'.repeat(size / 4),
      '<table '.repeat(size / 7),
      '[a x='.repeat(size / 5),
      `<p>${'<br>'.repeat(size / 10)}x</p>`,
    ]) {
      expect(typeof wordpressContentToMarkdown(hostile).markdown).toBe('string');
    }
  });

  it('refuses with a clear message HTML nested thousands of levels deep', () => {
    expect(() => wordpressContentToMarkdown('<em>'.repeat(20_000) + 'deep')).toThrow(Invalid);
  });
});

describe('WordPress links, images and unsafe content', () => {
  it('keeps a link’s address and title, an image’s source and alt, and an image’s size as HTML', () => {
    const html =
      '<a href="https://example.org/a" title="The A">A</a> <img src="https://cdn.example/x.png" alt="X" /> <img src="https://cdn.example/y.png" alt="Y" width="40" height="30" />';
    expect(markdownOf(html)).toBe(
      '[A](https://example.org/a "The A") ![X](https://cdn.example/x.png) <img src="https://cdn.example/y.png" alt="Y" width="40" height="30">',
    );
  });

  it('drops scripts, styles, forms and event handlers, and makes a frame a link to its source', () => {
    const html =
      'Before<script>alert(1)</script><style>p{}</style> <form><input name="q"><button>Go</button></form>\n\n<iframe src="https://maps.example/embed?x=1"></iframe>\n\n<img src="https://cdn.example/z.png" onerror="alert(2)" width="5" /> <a href="javascript:alert(3)">click</a>';
    const markdown = markdownOf(html);
    expect(markdown).toBe('Before\n\n<https://maps.example/embed?x=1>\n\n<img src="https://cdn.example/z.png" width="5"> click');
  });

  it('keeps relative links, makes protocol-relative ones https, and drops scripting schemes however they are spelt', () => {
    const html =
      '<a href="?p=5">draft</a> <a href="../up/">up</a> <img src="//cdn.example/p.png" alt="P" /> <a href="java\tscript:alert(1)">tab</a> <a href="data:text/html,x">data</a>';
    expect(markdownOf(html)).toBe('[draft](?p=5) [up](../up/) ![P](https://cdn.example/p.png) tab data');
  });

  it('makes links and images on the old site root-relative, and leaves other hosts alone', () => {
    const html =
      '<a href="https://old.example/2019/05/x/">same</a> <a href="https://old.example/2019/05/x/">https://old.example/2019/05/x/</a> <a href="http://OLD.example/about/?a=1#top">old http</a> <a href="https://old.example.evil.test/x">lookalike</a> <a href="https://other.example/y">other</a>\n\n[caption]<img src="https://old.example/wp-content/uploads/a.jpg" alt="" /> Cap[/caption]';
    expect(markdownOf(html, 'https://old.example/')).toBe(
      '[same](/2019/05/x/) [https://old.example/2019/05/x/](/2019/05/x/) [old http](/about/?a=1#top) [lookalike](https://old.example.evil.test/x) [other](https://other.example/y)\n\n' +
        '<figure><img src="/wp-content/uploads/a.jpg" alt=""><figcaption>Cap</figcaption></figure>',
    );
  });

  it('rewrites only addresses under a site that lives in a folder', () => {
    const html = '<a href="https://old.example/blog/2020/x/">in</a> <a href="https://old.example/blogroll/">beside</a>';
    expect(markdownOf(html, 'https://old.example/blog')).toBe('[in](/blog/2020/x/) [beside](https://old.example/blogroll/)');
  });
});

describe('WordPress content through Gazette’s renderer', () => {
  const renderer = createMarkdownRenderer();
  afterAll(() => renderer.close());
  const rendered = (html: string, siteUrl?: string) => renderer.render(markdownOf(html, siteUrl));

  it('renders classic text as paragraphs with line breaks, and escaped syntax as the original characters', async () => {
    const html = await rendered('*stars* and 1. and # hash\nnext line\n\n1. not a list');
    expect(html).toBe('<p>*stars* and 1. and # hash<br />next line</p>\n<p>1. not a list</p>\n');
  });

  it('renders a captioned image as a figure with its figcaption, even with a root-relative source', async () => {
    const html = await rendered(
      '[caption width="300"]<img src="https://old.example/wp-content/uploads/a.jpg" alt="Harbour" width="300" height="200" /> At dawn[/caption]',
      'https://old.example',
    );
    expect(html).toContain(
      '<figure><img src="/wp-content/uploads/a.jpg" alt="Harbour" width="300" height="200" /><figcaption>At dawn</figcaption></figure>',
    );
  });

  it('renders an embed as a link card and loads nothing from elsewhere', async () => {
    const html = await rendered(
      '[embed]https://www.youtube.com/watch?v=abc[/embed]\n\n<iframe src="https://evil.example/x"></iframe><script>alert(1)</script>',
    );
    // A link alone on its line is drawn as a card (link-cards.js): still only a link.
    expect(html).toContain('<figure class="link-card"><a href="https://www.youtube.com/watch?v=abc" rel="noopener noreferrer nofollow">');
    expect(html).toContain('<a href="https://evil.example/x" rel="noopener noreferrer nofollow">');
    expect(html).not.toMatch(/<iframe|<script/);
  });

  it('renders right-to-left and CJK text, and entities decoded exactly once', async () => {
    const html = await rendered('مرحبا &amp; שלום\n\n你好 &lt;b&gt; &amp;lt;');
    expect(html).toBe('<p>مرحبا &amp; שלום</p>\n<p>你好 &lt;b&gt; &amp;lt;</p>\n');
  });

  it('renders a kept shortcode as its literal text (its quotes made typographic, as in any text)', async () => {
    expect(await rendered('[gallery ids="1,2"]')).toBe('<p>[gallery ids=”1,2”]</p>\n');
  });
});

describe('WordPress block-editor content between blocks', () => {
  it('makes bare text between blocks (a shortcode block) its own paragraph', () => {
    const html =
      '<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:shortcode -->\n[poll id="3"]\n<!-- /wp:shortcode -->\n\n<!-- wp:shortcode -->\n[gallery ids="1,2"]\n<!-- /wp:shortcode -->';
    expect(wordpressContentToMarkdown(html).markdown).toBe('Before.\n\n\\[poll id="3"\\]\n\n\\[gallery ids="1,2"\\]');
  });
});
