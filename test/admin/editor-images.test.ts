import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import type { User } from '../../src/modules/accounts/index.js';
import { articleFields, makeUser, multipartBody, postEditor, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

type File = { name: string; filename: string; type: string; bytes: Buffer };

describe.each(testDatabases)('publishing in one click and images in the text on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let author: User;
  let session: { jar: CookieJar; csrf: string };
  let png: Buffer;

  beforeEach(async () => {
    ({ app, container, clock, close } = await createTestApp(database));
    author = await makeUser(container, 'author', 'Ana Author');
    session = await signedInAs(container, author);
    png ??= await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
  });
  afterEach(async () => {
    await close();
  });

  /** Posts to the media upload as the editor's script does (JSON answers). */
  async function uploadMedia(fields: Record<string, string>, file?: File, jar = session.jar) {
    const body = multipartBody(fields, file);
    return app.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { 'content-type': body.contentType, accept: 'application/json', 'sec-fetch-site': 'same-origin', ...jar.header() },
      payload: body.payload,
    });
  }
  const pngFile = (): File => ({ name: 'image', filename: 'talks.png', type: 'image/png', bytes: png });

  it('publishes with the Publish button alone, and schedules when the go-live time is in the future', async () => {
    // No status field: the button alone decides.
    const fields = Object.fromEntries(Object.entries(articleFields(session.csrf)).filter(([name]) => name !== 'status'));
    const now = await postEditor(app, '/admin/articles', { ...fields, intent: 'publish' }, session.jar);
    expect(now.headers.location).toMatch(/\?saved=published$/);
    const later = new Date(clock.now().getTime() + 3600_000).toISOString().slice(0, 16);
    const scheduled = await postEditor(
      app,
      '/admin/articles',
      { ...fields, headline: 'Later story', publishAt: later, intent: 'publish' },
      session.jar,
    );
    expect(scheduled.headers.location).toMatch(/\?saved=scheduled$/);
    const draft = await postEditor(app, '/admin/articles', { ...fields, headline: 'Draft story', intent: 'draft' }, session.jar);
    expect(draft.headers.location).toMatch(/\?saved=draft$/);
  });

  it('puts Publish and Save draft above the text, and the featured image above the lower buttons', async () => {
    const page = await getPage(app, '/admin/articles/new', session.jar);
    const publish = page.body.indexOf('value="publish"');
    expect(publish).toBeGreaterThan(0);
    expect(publish).toBeLessThan(page.body.indexOf('id="field-body"'));
    expect(page.body.indexOf('value="draft"')).toBeLessThan(page.body.indexOf('id="field-body"'));
    expect(page.body.indexOf('<legend>Featured image</legend>')).toBeLessThan(page.body.lastIndexOf('value="publish"'));
    // The preview is the site's page, in the site's stylesheet.
    expect(page.body).toMatch(/<iframe class="preview-frame"[^>]*srcdoc="[^"]*\/assets\/site\.css/);
  });

  it('uploads an image with its description and answers the Markdown to place it', async () => {
    const response = await uploadMedia({ _csrf: session.csrf, alt: 'Ministers at [the] table' }, pngFile());
    expect(response.statusCode).toBe(201);
    const { markdown, width, height } = response.json();
    expect(markdown).toMatch(/^!\[Ministers at \\\[the\\\] table\]\(\/media\/[0-9a-f]{24}\/960\.jpg\)$/);
    expect([width, height]).toEqual([1200, 800]);
  });

  it('refuses an image without a description, saying what to add, and stores nothing', async () => {
    const response = await uploadMedia({ _csrf: session.csrf, alt: '   ' }, pngFile());
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ field: 'alt', message: expect.stringContaining('Describe the picture') });
    expect(await container.media.list({ limit: 5 })).toHaveLength(0);
  });

  it('refuses a file that is not an image, judged by its content', async () => {
    const fake = { name: 'image', filename: 'photo.png', type: 'image/png', bytes: Buffer.from('<svg onload=alert(1)>') };
    const response = await uploadMedia({ _csrf: session.csrf, alt: 'A photo' }, fake);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ field: 'image', message: expect.stringContaining('not an image') });
  });

  it('answers 413 for an image over the limit, with the limit in the message', async () => {
    const big = { ...pngFile(), bytes: Buffer.alloc(container.config.maxUploadBytes + 1024, 1) };
    const response = await uploadMedia({ _csrf: session.csrf, alt: 'Huge' }, big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toContain('The image is too large: the limit is 8 MB.');
  });

  it('refuses an upload from a contributor, a forged form, and a body that is not a form upload', async () => {
    const contributor = await signedInAs(container, await makeUser(container, 'contributor', 'Cy Contributor'));
    const byContributor = await uploadMedia({ _csrf: contributor.csrf, alt: 'A photo' }, pngFile(), contributor.jar);
    expect(byContributor.statusCode).toBe(403);
    const forged = await uploadMedia({ _csrf: 'not-the-token', alt: 'A photo' }, pngFile());
    expect(forged.statusCode).toBe(403);
    const json = await app.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'sec-fetch-site': 'same-origin', ...session.jar.header() },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toContain('multipart/form-data');
    expect(await container.media.list({ limit: 5 })).toHaveLength(0);
  });

  it('places an image in the text without JavaScript, keeping the text, and refuses one without a description', async () => {
    const file = { ...pngFile(), name: 'inlineImage' };
    const fields = articleFields(session.csrf, { body: 'First paragraph.', intent: 'insert-image' });
    const refused = await postEditor(app, '/admin/articles', { ...fields, alt: '' }, session.jar, file);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Describe the picture');
    expect(refused.body).toContain('First paragraph.');
    const placed = await postEditor(app, '/admin/articles', { ...fields, alt: 'Ministers shake hands' }, session.jar, file);
    expect(placed.statusCode).toBe(200);
    expect(placed.body).toMatch(/First paragraph\.\n\n!\[Ministers shake hands\]\(\/media\/[0-9a-f]{24}\/960\.jpg\)/);
    // Nothing is saved until the author saves.
    expect((await container.editorial.list({})).map((a) => a.headline)).not.toContain('Ministers agree on a joint statement');
  });

  it('renders an uploaded image in the article with srcset, sizes, width and height', async () => {
    const { markdown } = (await uploadMedia({ _csrf: session.csrf, alt: 'The ministers' }, pngFile())).json();
    await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, { body: `Intro.\n\n${markdown}\n`, intent: 'publish' }),
      session.jar,
    );
    const article = await getPage(app, '/articles/ministers-agree-on-a-joint-statement');
    expect(article.body).toMatch(
      /<img src="\/media\/[0-9a-f]{24}\/960\.jpg" alt="The ministers" srcset="\/media\/[0-9a-f]{24}\/480\.webp 480w, [^"]*960\.webp 960w, [^"]*1200\.webp 1200w" sizes="[^"]+" width="1200" height="800"/,
    );
  });

  it('lists uploads in the media library and gives the Markdown of a picked one, with its description required', async () => {
    const { id } = (await uploadMedia({ _csrf: session.csrf, alt: 'First use' }, pngFile())).json();
    const library = await getPage(app, '/admin/media', session.jar);
    expect(library.statusCode).toBe(200);
    expect(library.body).toContain('talks.png');
    const picked = await getPage(app, `/admin/media?pick=${id}&alt=${encodeURIComponent('Second use')}`, session.jar);
    expect(picked.body).toMatch(/!\[Second use\]\(\/media\/[0-9a-f]{24}\/960\.jpg\)/);
    const noAlt = await getPage(app, `/admin/media?pick=${id}&alt=`, session.jar);
    expect(noAlt.statusCode).toBe(422);
    expect(noAlt.body).toContain('Describe the picture');
  });
});
