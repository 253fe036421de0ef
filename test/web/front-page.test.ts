import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetsDir } from '../../src/web/assets.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { drawPicture, giveFeaturedImage } from '../support/pictures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

/** The `content` of `<meta property|name="key">`, HTML-unescaped enough for URLs and numbers. */
function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key.replace(/[:]/g, '\\:')}" content="([^"]*)"`).exec(html);
  return m?.[1]?.replace(/&amp;/g, '&');
}

/** The NewsArticle JSON-LD of a page. */
function jsonLd(html: string): { image?: { url: string; width: number; height: number } } {
  const m = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  return JSON.parse(m![1]!) as { image?: { url: string; width: number; height: number } };
}

describe.each(testDatabases)('fronts with pictures, link previews and fonts on $name', (database) => {
  let t: TestApp;
  const at = (hoursAgo: number) => new Date(t.clock.now().getTime() - hoursAgo * HOUR);

  beforeAll(async () => {
    t = await createTestApp(database);
    // Newest first: the lead has a picture, two of the secondaries do, one does not.
    const stories = [
      { headline: 'Harbour reopens after the storm', slug: 'harbour', picture: 0 },
      { headline: 'Council votes on the new bridge', slug: 'bridge', picture: 1 },
      { headline: 'A quiet week at the observatory', slug: 'observatory', picture: undefined },
      { headline: 'Rail strike called off', slug: 'rail', picture: 2 },
      { headline: 'Library extends its hours', slug: 'library', picture: 3 },
      { headline: 'Market prices steady', slug: 'market', picture: 4 },
    ];
    for (const [i, s] of stories.entries()) {
      const a = await makeArticle(t.container, { headline: s.headline, slug: s.slug, section: 'City', publishedAt: at(i + 1) });
      if (s.picture !== undefined) await giveFeaturedImage(t.container, a.id, await drawPicture(s.picture), `Picture for ${s.headline}`);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('leads the front page with the newest story and its large picture, fetched first', async () => {
    const body = (await t.app.inject('/')).body;
    const lead = /<article class="summary summary-lead has-picture">.*?<\/article>/s.exec(body)?.[0] ?? '';
    expect(lead).toContain('Harbour reopens after the storm');
    expect(lead).toMatch(
      /<source type="image\/webp" srcset="\/media\/\w+\/480\.webp 480w, \/media\/\w+\/960\.webp 960w, \/media\/\w+\/1600\.webp 1600w" sizes="\(min-width: 72rem\) 45rem/,
    );
    expect(lead).toMatch(/<img [^>]*width="1600" height="1067" loading="eager" decoding="async" fetchpriority="high"/);
  });

  it('ranks the next four as secondaries with lazy thumbnails, and the rest as a compact list without pictures', async () => {
    const body = (await t.app.inject('/')).body;
    const secondaries = [...body.matchAll(/<article class="summary summary-secondary (has|no)-picture">.*?<\/article>/gs)];
    expect(secondaries.map((m) => m[1])).toEqual(['has', 'no', 'has', 'has']);
    for (const m of secondaries.filter((s) => s[1] === 'has')) {
      expect(m[0]).toMatch(
        /<img [^>]*srcset="[^"]+" sizes="\(min-width: 64rem\) 7rem, \(min-width: 40rem\) 9rem, 7rem"[^>]*width="1600" height="1067" loading="lazy"/,
      );
    }
    const compact = [...body.matchAll(/<article class="summary summary-compact no-picture">.*?<\/article>/gs)].map((m) => m[0]);
    // The demo article (oldest) and "Market prices steady" (picture left out at this rank).
    expect(compact).toHaveLength(2);
    expect(compact.join('')).toContain('Market prices steady');
    expect(compact.join('')).not.toContain('<img');
  });

  it('sets a section front the same way', async () => {
    const body = (await t.app.inject('/section/city')).body;
    expect(body).toContain('<h1>City</h1>');
    expect(body).toMatch(/<article class="summary summary-lead has-picture">.*?Harbour reopens/s);
    expect(body.match(/summary-secondary/g)).toHaveLength(4);
    expect(body).toContain('More in City');
  });

  it('gives shared links the picture: og:image, the Twitter card and the JSON-LD image are files this site serves', async () => {
    const body = (await t.app.inject('/articles/harbour')).body;
    const ogImage = meta(body, 'og:image')!;
    expect(ogImage).toMatch(/^http:\/\/gazette\.test\/media\/\w+\/1600\.jpg$/);
    expect(meta(body, 'og:image:alt')).toBe('Picture for Harbour reopens after the storm');
    expect(meta(body, 'twitter:card')).toBe('summary_large_image');
    expect(meta(body, 'twitter:image')).toBe(ogImage);
    const ld = jsonLd(body).image!;
    expect(ld.url).toBe(ogImage);
    for (const url of [ogImage, ld.url]) {
      const res = await t.app.inject(url.replace('http://gazette.test', ''));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      // The sizes the page announces are the file's own.
      const { width, height } = await sharp(res.rawPayload).metadata();
      expect([width, height]).toEqual([Number(meta(body, 'og:image:width')), Number(meta(body, 'og:image:height'))]);
      expect([width, height]).toEqual([ld.width, ld.height]);
    }
  });

  it("previews a link to the front page with the lead story's picture", async () => {
    const body = (await t.app.inject('/')).body;
    const article = (await t.app.inject('/articles/harbour')).body;
    expect(meta(body, 'og:type')).toBe('website');
    expect(meta(body, 'og:image')).toBe(meta(article, 'og:image'));
    expect(meta(body, 'twitter:card')).toBe('summary_large_image');
  });

  it('gives a story without a picture the plain summary card and no image anywhere', async () => {
    const body = (await t.app.inject('/articles/observatory')).body;
    expect(meta(body, 'twitter:card')).toBe('summary');
    expect(body).not.toContain('og:image');
    expect(jsonLd(body).image).toBeUndefined();
  });

  it('serves every font the stylesheet names, and preloads files that it serves, cached for a year', async () => {
    const css = readFileSync(join(assetsDir, 'site.css'), 'utf8');
    const named = [...css.matchAll(/url\((\/assets\/fonts\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThanOrEqual(2);
    const body = (await t.app.inject('/')).body;
    const preloaded = [...body.matchAll(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin="anonymous"/g)].map(
      (m) => m[1]!,
    );
    expect(preloaded.length).toBe(2);
    for (const url of new Set([...named, ...preloaded])) {
      expect(named).toContain(url);
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('font/woff2');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
  });

  it('serves no other file of the font packages', async () => {
    for (const url of [
      '/assets/fonts/source-serif-4-cyrillic-wght-normal.woff2',
      '/assets/fonts/..%2Fpackage.json',
      '/assets/fonts/LICENSE',
    ]) {
      expect((await t.app.inject(url)).statusCode).toBe(404);
    }
  });
});
