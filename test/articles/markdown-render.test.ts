import { afterAll, describe, expect, it } from 'vitest';
import { createMarkdownRenderer, withInlineImages } from '../../src/modules/articles/index.js';
import { linkCardFor } from '../../src/modules/articles/link-cards.js';

const renderer = createMarkdownRenderer();
afterAll(() => renderer.close());

describe('typography in rendered Markdown', () => {
  it('makes straight quotes, apostrophes and dashes (--- an em dash) typographic', async () => {
    const html = await renderer.render(`"Talks," the ministry's note said --- 'soon'.`);
    expect(html).toBe('<p>“Talks,” the ministry’s note said — ‘soon’.</p>\n');
  });

  it('leaves quotes in code spans and code blocks as typed', async () => {
    const html = await renderer.render('Type `"x"` here.\n\n```\nsay "hi" -- \'now\'\n```');
    expect(html).toContain('<code>"x"</code>');
    expect(html).toContain('say "hi" -- \'now\'');
  });
});

describe('link cards', () => {
  it('draws a bare link alone on a line as a card naming what is behind it, with no embed', async () => {
    const html = await renderer.render('Watch:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nMore.');
    expect(html).toContain(
      '<figure class="link-card"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow"><span class="link-card-kind">Video on YouTube</span><span class="link-card-title">A video on YouTube</span><span class="link-card-host">youtube.com</span></a></figure>',
    );
    expect(html).not.toMatch(/<iframe|<script|<img/);
  });

  it('leaves a link inside a sentence, and a link with its own words, as links', async () => {
    const html = await renderer.render('See https://example.com/a now.\n\n[The report](https://example.com/report)');
    expect(html).not.toContain('link-card');
  });

  it('names posts on X and Mastodon and pages elsewhere from their address only', () => {
    expect(linkCardFor('https://x.com/StateDept/status/1850000000000000000')).toEqual({
      kind: 'Post on X',
      title: 'A post by @StateDept',
      host: 'x.com',
    });
    expect(linkCardFor('https://mastodon.social/@gazette/113400000000000000')).toEqual({
      kind: 'Post on Mastodon',
      title: '@gazette@mastodon.social',
      host: 'mastodon.social',
    });
    expect(linkCardFor('https://news.example/2024/10/two-plus-two_talks.html')?.title).toBe('Two plus two talks');
    expect(linkCardFor('javascript:alert(1)')).toBeNull();
  });

  it('keeps an author’s own classes out: only the card’s classes survive the sanitiser', async () => {
    const html = await renderer.render('<figure class="evil link-card"><span class="x">a</span></figure>');
    expect(html).toBe('<figure class="link-card"><span>a</span></figure>');
  });
});

describe('uploaded images in the text', () => {
  const key = 'a'.repeat(24);
  const withSizes = withInlineImages(renderer, async () => ({
    [key]: { srcset: `/media/${key}/480.webp 480w, /media/${key}/960.webp 960w`, width: 1200, height: 800 },
  }));

  it('get srcset, sizes, width and height from their upload', async () => {
    const html = await withSizes.render(`![Ministers meet](/media/${key}/960.jpg)`);
    expect(html).toBe(
      `<p><img src="/media/${key}/960.jpg" alt="Ministers meet" srcset="/media/${key}/480.webp 480w, /media/${key}/960.webp 960w" sizes="(min-width: 46rem) 42rem, 100vw" width="1200" height="800" loading="lazy" decoding="async" /></p>\n`,
    );
  });

  it('leaves other images as written', async () => {
    const html = await withSizes.render('![A map](/wp-content/uploads/map.png)');
    expect(html).toBe('<p><img src="/wp-content/uploads/map.png" alt="A map" /></p>\n');
  });
});
