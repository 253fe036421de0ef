import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { makeArticle } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;

describe.each(testDatabases)('what an import brings to the reader pages on $name', (database) => {
  let t: TestApp;
  let dataDir: string;
  const at = (daysAgo: number) => new Date(t.clock.now().getTime() - daysAgo * DAY);
  const reply = (articleId: number, comment: string, status: 'approved' | 'held', email = 'reader@example.org') =>
    t.container.replies.importReply({ articleId, comment, author: 'Old Reader', email, status, createdAt: at(0.5) });

  beforeAll(async () => {
    // The data directory is where the SQLite file would be: its wp-content/uploads is served.
    dataDir = mkdtempSync(join(tmpdir(), 'gazette-wp-data-'));
    mkdirSync(join(dataDir, 'wp-content', 'uploads', '2019', '05'), { recursive: true });
    writeFileSync(join(dataDir, 'wp-content', 'uploads', '2019', '05', 'pic.jpg'), 'JPEG-BYTES');
    writeFileSync(join(dataDir, 'wp-content', 'uploads', 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>');
    writeFileSync(join(dataDir, 'wp-content', 'uploads', 'shell.php'), '<?php echo 1;');
    writeFileSync(join(dataDir, 'wp-content', 'uploads', '.htaccess'), 'Deny from all');
    writeFileSync(join(dataDir, 'gazette.db'), 'SECRET-DATABASE');
    writeFileSync(join(dataDir, 'outside.jpg'), 'OUTSIDE-THE-FOLDER');
    t = await createTestApp(database, undefined, { DATABASE_URL: join(dataDir, 'gazette.db') });

    await makeArticle(t.container, { headline: 'Old sticky story', slug: 'old-sticky', sticky: true, publishedAt: at(3) });
    await makeArticle(t.container, { headline: 'Fresh story', slug: 'fresh-story', publishedAt: at(1) });
    const page = await makeArticle(t.container, { headline: 'About this paper', slug: 'about', kind: 'page', publishedAt: at(0.2) });
    await reply(page.id, 'A reply under the About page.', 'approved');
    await makeArticle(t.container, { headline: 'Someone else wrote this', author: { name: 'Other Writer' } });
    await makeArticle(t.container, { headline: 'Unfinished draft', status: 'draft', publishedAt: null });
    const fresh = await t.container.articles.getPublished('fresh-story');
    await reply(fresh.id, 'An approved old comment.', 'approved', 'approved-only@example.org');
    await reply(fresh.id, 'A held old comment.', 'held');
    const withdrawn = await makeArticle(t.container, { headline: 'Withdrawn story', slug: 'withdrawn' });
    await reply(withdrawn.id, 'A reply under a withdrawn story.', 'approved');
    await t.container.articleWriter.changeStatus(withdrawn.id, 'unpublish', { id: null, name: 'test' });
    await makeArticle(t.container, {
      headline: 'Kept picture',
      slug: 'kept-picture',
      featuredImageUrl: '/wp-content/uploads/2019/05/pic.jpg',
    });
    await makeArticle(t.container, {
      headline: 'Far picture',
      slug: 'far-picture',
      featuredImageUrl: 'https://old.example.com/wp-content/uploads/far.jpg',
    });
    await makeArticle(t.container, { headline: 'Sneaky picture', slug: 'sneaky-picture', featuredImageUrl: '//evil.example/x.jpg' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a page at its address and in the sitemap, but lists it nowhere else: front, section, tag, author, feeds', async () => {
    const own = await t.app.inject('/articles/about');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('About this paper');
    for (const url of ['/', '/section/world', '/tag/testing', '/author/test-writer', '/feed.xml', '/atom.xml', '/feed.json']) {
      const res = await t.app.inject(url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect({ url, listsStory: res.body.includes('Fresh story') }).toEqual({ url, listsStory: true });
      expect({ url, listsPage: res.body.includes('About this paper') || res.body.includes('/articles/about') }).toEqual({
        url,
        listsPage: false,
      });
    }
    // A standing page has its own address, which search engines should know (issue 11).
    expect((await t.app.inject('/sitemaps/pages.xml')).body).toContain('/articles/about</loc>');
  });

  it('shows a sticky story first on the front page, then the rest newest first; other listings stay newest first', async () => {
    const front = (await t.app.inject('/')).body;
    expect(front.indexOf('Old sticky story')).toBeGreaterThan(-1);
    expect(front.indexOf('Old sticky story')).toBeLessThan(front.indexOf('Someone else wrote this'));
    expect(front.indexOf('Someone else wrote this')).toBeLessThan(front.indexOf('Fresh story'));
    const section = (await t.app.inject('/section/world')).body;
    expect(section.indexOf('Fresh story')).toBeLessThan(section.indexOf('Old sticky story'));
  });

  it('lists an author’s published stories on their page, and nobody else’s', async () => {
    const res = await t.app.inject('/author/test-writer');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Test Writer</h1>');
    expect(res.body).toContain('Fresh story');
    expect(res.body).not.toContain('Someone else wrote this');
    expect(res.body).not.toContain('Unfinished draft');
    expect((await t.app.inject('/author/other-writer')).body).toContain('Someone else wrote this');
    expect((await t.app.inject({ url: '/author/no-one', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('serves the site replies feed as valid RSS with approved replies on public stories only, and advertises it', async () => {
    const res = await t.app.inject('/replies/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/rss\+xml/);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const channel = new XMLParser().parse(res.body).rss.channel;
    const items = Array.isArray(channel.item) ? channel.item : [channel.item];
    expect(items.map((i: { title: string }) => i.title)).toEqual(['Old Reader on “Fresh story”']);
    expect(res.body).toContain('An approved old comment.');
    expect(res.body).not.toContain('A held old comment.');
    expect(res.body).not.toContain('withdrawn story');
    expect(res.body).not.toContain('About page');
    expect(res.body).not.toContain('approved-only@example.org');
    const front = (await t.app.inject('/')).body;
    expect(front).toMatch(/<link rel="alternate" type="application\/rss\+xml" title="Replies on [^"]+" href="\/replies\/feed.xml"/);
  });

  it('shows a featured image kept on this site as the lead picture and og:image', async () => {
    const res = await t.app.inject('/articles/kept-picture');
    expect(res.body).toContain('<img src="/wp-content/uploads/2019/05/pic.jpg"');
    expect(res.body).toContain('<meta property="og:image" content="http://gazette.test/wp-content/uploads/2019/05/pic.jpg"');
  });

  it('keeps a featured image on another host in the database but never shows it', async () => {
    const far = await t.app.inject('/articles/far-picture');
    expect(far.body).not.toContain('old.example.com');
    expect(far.body).not.toContain('og:image');
    expect((await t.container.articles.getPublished('far-picture')).featuredImageUrl).toBe(
      'https://old.example.com/wp-content/uploads/far.jpg',
    );
    expect((await t.app.inject('/articles/sneaky-picture')).body).not.toContain('evil.example');
  });

  it('serves the copied uploads folder read-only, with a 404 for what is absent', async () => {
    const pic = await t.app.inject('/wp-content/uploads/2019/05/pic.jpg');
    expect(pic.statusCode).toBe(200);
    expect(pic.headers['content-type']).toBe('image/jpeg');
    expect(pic.headers['x-content-type-options']).toBe('nosniff');
    expect(pic.body).toBe('JPEG-BYTES');
    expect((await t.app.inject({ method: 'HEAD', url: '/wp-content/uploads/2019/05/pic.jpg' })).statusCode).toBe(200);
    for (const url of [
      '/wp-content/uploads/2019/05/missing.jpg',
      '/wp-content/uploads/',
      '/wp-content/uploads/2019/',
      '/wp-content/uploads/2019',
    ]) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
    }
    const post = await t.app.inject({ method: 'POST', url: '/wp-content/uploads/2019/05/pic.jpg' });
    expect(post.statusCode).toBe(404);
  });

  it('refuses scripts, dotfiles and anything outside the uploads folder, however it is spelled', async () => {
    const refused = [
      '/wp-content/uploads/drawing.svg',
      '/wp-content/uploads/shell.php',
      '/wp-content/uploads/.htaccess',
      '/wp-content/uploads/../../gazette.db',
      '/wp-content/uploads/../../outside.jpg',
      '/wp-content/uploads/%2e%2e/%2e%2e/outside.jpg',
      '/wp-content/uploads/%2E%2E%2F%2E%2E%2Foutside.jpg',
      '/wp-content/uploads/..%2f..%2foutside.jpg',
      '/wp-content/uploads/2019/..%5c..%5c..%5coutside.jpg',
      '/wp-content/uploads/%252e%252e/%252e%252e/outside.jpg',
      '/wp-content/uploads/2019/05/pic.jpg%00.php',
      '/wp-content/uploads/%zz.jpg',
    ];
    for (const url of refused) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      expect({ url, refused: res.statusCode >= 400 && res.statusCode < 500 }).toEqual({ url, refused: true });
      expect(res.body).not.toContain('SECRET-DATABASE');
      expect(res.body).not.toContain('OUTSIDE-THE-FOLDER');
      expect(res.body).not.toContain('<script/>');
    }
  });
});
