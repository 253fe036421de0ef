import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { User } from '../../src/modules/accounts/index.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { adminPost, makeUser, multipartBody, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

const validFields = {
  title: 'The Valley Ledger',
  description: 'News from the valley, since 1887.',
  navigation: 'About us | /articles/about\nArchive | https://archive.example.org/',
  language: 'en-GB',
  timeZone: 'Pacific/Honolulu',
};

describe.each(testDatabases)('the site settings page on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let close: () => Promise<void>;
  let session: { jar: CookieJar; csrf: string };
  let admin: User;

  beforeEach(async () => {
    ({ app, container, close } = await createTestApp(database));
    admin = await makeUser(container, 'administrator', 'Ada Admin');
    session = await signedInAs(container, admin);
  });
  afterEach(async () => {
    await close();
  });

  const save = (fields: Record<string, string>, who = session) =>
    adminPost(app, '/admin/settings/site', { _csrf: who.csrf, ...fields }, who.jar);

  async function postPictures(fields: Record<string, string>, file?: { name: string; filename: string; type: string; bytes: Buffer }) {
    const body = multipartBody({ _csrf: session.csrf, ...fields }, file);
    return app.inject({
      method: 'POST',
      url: '/admin/settings/site/images',
      headers: { 'content-type': body.contentType, accept: 'text/html', 'sec-fetch-site': 'same-origin', ...session.jar.header() },
      payload: body.payload,
    });
  }

  it('shows every public page the new title, description, menu, language and time zone at once, cached pages included', async () => {
    const before = await getPage(app, `/articles/${demoArticle.slug}`);
    expect(before.body).toContain('<html lang="en">');
    expect(before.body).toContain('Monday, October 28, 2024');
    const saved = await save(validFields);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/settings/site?saved=settings');

    const front = await getPage(app, '/');
    expect(front.body).toContain('<html lang="en-GB">');
    expect(front.body).toContain('<title>The Valley Ledger</title>');
    expect(front.body).toContain('<meta name="description" content="News from the valley, since 1887."/>');
    expect(front.body).toContain('<a href="/articles/about">About us</a>');
    expect(front.body).toContain('<a href="https://archive.example.org/">Archive</a>');
    const article = await getPage(app, `/articles/${demoArticle.slug}`);
    expect(article.body).toContain('The Valley Ledger');
    // 09:00 UTC on the 28th is still the 27th in Honolulu.
    expect(article.body).toContain('Sunday, October 27, 2024');
    const feed = await getPage(app, '/feed.xml');
    expect(feed.body).toContain('<language>en-GB</language>');
    expect(feed.body).toContain('News from the valley, since 1887.');
  });

  it('keeps what was typed and names each wrong field: an empty title, a 10,000-character one, a javascript: menu link', async () => {
    const empty = await save({ ...validFields, title: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Give the site a title.');
    expect(empty.body).toContain('News from the valley, since 1887.');

    const long = await save({ ...validFields, title: 'x'.repeat(10_000) });
    expect(long.statusCode).toBe(422);
    expect(long.body).toContain('The title may have at most 120 characters; it has 10000.');

    const script = await save({ ...validFields, navigation: 'Prize | javascript:alert(document.cookie)' });
    expect(script.statusCode).toBe(422);
    expect(script.body).toContain('Menu line 1');
    // Back in the textarea, escaped, and nowhere on the public site.
    expect(script.body).toContain('Prize | javascript:alert(document.cookie)</textarea>');
    expect((await getPage(app, '/')).body).not.toContain('javascript:');
    expect((await container.site.current()).title).toBe('The Gazette');
  });

  it('refuses the settings to an editor (403) and sends a signed-out browser to sign in', async () => {
    const editor = await signedInAs(container, await makeUser(container, 'editor'));
    expect((await getPage(app, '/admin/settings/site', editor.jar)).statusCode).toBe(403);
    expect((await save(validFields, editor)).statusCode).toBe(403);
    const anonymous = await getPage(app, '/admin/settings/site');
    expect(anonymous.statusCode).toBe(303);
    expect((await container.site.current()).title).toBe('The Gazette');
  });

  it('serves a default favicon on every page, then the uploaded one', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(await sharp(icon.rawPayload).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
    expect((await getPage(app, '/')).body).toContain('<link rel="icon" href="/favicon.ico?v=gazette"/>');

    const red = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#d00' } })
      .png()
      .toBuffer();
    const saved = await postPictures({}, { name: 'favicon', filename: 'red.png', type: 'image/png', bytes: red });
    expect(saved.statusCode).toBe(303);
    const { faviconMediaId } = await container.site.current();
    expect((await getPage(app, '/')).body).toContain(`<link rel="icon" href="/favicon.ico?v=${faviconMediaId}"/>`);
    const uploaded = await app.inject({ method: 'GET', url: '/favicon.ico' });
    const { data } = await sharp(uploaded.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect([data[0], data[1], data[2]]).toEqual([221, 0, 0]);
  });

  it('puts an uploaded logo in the masthead with the title as its text, and refuses a file that is not an image', async () => {
    const notImage = await postPictures(
      {},
      { name: 'logo', filename: 'logo.png', type: 'image/png', bytes: Buffer.from('%PDF-1.4 not a picture') },
    );
    expect(notImage.statusCode).toBe(422);
    expect(notImage.body).toContain('not an image Gazette can read');

    const logo = await sharp({ create: { width: 400, height: 100, channels: 4, background: '#123456' } })
      .png()
      .toBuffer();
    expect((await postPictures({}, { name: 'logo', filename: 'logo.png', type: 'image/png', bytes: logo })).statusCode).toBe(303);
    const front = await getPage(app, '/');
    expect(front.body).toMatch(
      /<p class="masthead-title masthead-logo"><a href="\/"><img src="\/media\/[0-9a-f]+\/400\.jpg"[^>]*alt="The Gazette"/,
    );

    expect((await postPictures({ removeLogo: 'on' })).statusCode).toBe(303);
    expect((await getPage(app, '/')).body).not.toContain('masthead-logo');
  });

  it('answers a malformed, forged or over-large pictures form with a 4xx and a message, never a 5xx', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/admin/settings/site/images',
      headers: {
        'content-type': 'multipart/form-data; boundary=xyz',
        accept: 'text/html',
        'sec-fetch-site': 'same-origin',
        ...session.jar.header(),
      },
      payload: '--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc',
    });
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);

    const forged = multipartBody({ _csrf: 'forged' });
    const refused = await app.inject({
      method: 'POST',
      url: '/admin/settings/site/images',
      headers: { 'content-type': forged.contentType, accept: 'text/html', 'sec-fetch-site': 'same-origin', ...session.jar.header() },
      payload: forged.payload,
    });
    expect(refused.statusCode).toBe(403);

    const huge = Buffer.alloc(container.config.maxUploadBytes + 1024, 1);
    const tooLarge = await postPictures({}, { name: 'logo', filename: 'big.png', type: 'image/png', bytes: huge });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.body).toContain('The image is too large');
    expect((await container.site.current()).logoMediaId).toBeNull();
  });

  it('adds a standing page: a draft page opened in the editor, then at its address and in the sitemap, never on the front page or in the feeds', async () => {
    const made = await adminPost(app, '/admin/settings/site/pages', { _csrf: session.csrf, pageTitle: 'Corrections policy' }, session.jar);
    expect(made.statusCode).toBe(303);
    const id = Number(/\/admin\/articles\/(\d+)\/edit$/.exec(String(made.headers.location))![1]);
    const page = await container.editorial.get(id);
    await container.editorial.update(
      id,
      {
        headline: page.headline,
        dek: '',
        slug: page.slug,
        bodyMarkdown: 'We correct mistakes promptly and say so.',
        section: page.section,
        tags: [],
        status: 'published',
        publishAt: null,
        repliesOpen: false,
        featuredMediaId: null,
        featuredAlt: '',
      },
      { id: admin.id, name: admin.name, authorId: page.authorId },
    );
    expect((await getPage(app, '/articles/corrections-policy')).body).toContain('We correct mistakes promptly');
    expect((await getPage(app, '/sitemaps/pages.xml')).body).toContain('http://gazette.test/articles/corrections-policy');
    expect((await getPage(app, '/')).body).not.toContain('Corrections policy');
    expect((await getPage(app, '/feed.xml')).body).not.toContain('Corrections policy');
    expect((await getPage(app, '/admin/settings/site', session.jar)).body).toContain('/articles/corrections-policy');
  });
});
