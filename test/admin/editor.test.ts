import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import type { User } from '../../src/modules/accounts/index.js';
import { adminPost, articleFields, makeUser, postEditor, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { CookieJar, getPage } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

describe.each(testDatabases)('the editor on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let author: User;
  let session: { jar: CookieJar; csrf: string };

  beforeEach(async () => {
    ({ app, container, clock, close } = await createTestApp(database));
    author = await makeUser(container, 'author', 'Ana Author');
    session = await signedInAs(container, author);
  });
  afterEach(async () => {
    await close();
  });

  function idFrom(location: unknown): number {
    return Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(location))![1]);
  }

  it('publishes an article that then leads the front page, under a slug made from the headline', async () => {
    const response = await postEditor(app, '/admin/articles', articleFields(session.csrf), session.jar);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/\?saved=published$/);
    const front = await getPage(app, '/');
    expect(front.body).toContain('href="/articles/ministers-agree-on-a-joint-statement"');
    const article = await getPage(app, '/articles/ministers-agree-on-a-joint-statement');
    expect(article.body).toContain('<strong>three hours</strong>');
    expect(article.body).toContain('By <span class="byline">Ana Author</span>');
    const edit = await getPage(app, response.headers.location as string, session.jar);
    expect(edit.body).toContain('Published. It is on the site now.');
  });

  it('keeps every field when a save is refused, with the message next to the field', async () => {
    await postEditor(app, '/admin/articles', articleFields(session.csrf, { slug: 'taken-address' }), session.jar);
    const refused = await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, {
        headline: 'A second story',
        body: 'Typed with care, not to be lost.',
        slug: 'taken-address',
        tags: 'Keep, These',
      }),
      session.jar,
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Another article already lives at “taken-address”');
    expect(refused.body).toContain('Typed with care, not to be lost.');
    expect(refused.body).toContain('value="A second story"');
    expect(refused.body).toContain('value="Keep, These"');
    const noHeadline = await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, { headline: '  ', body: 'Still here.' }),
      session.jar,
    );
    expect(noHeadline.statusCode).toBe(422);
    expect(noHeadline.body).toContain('Give the article a headline.');
    expect(noHeadline.body).toContain('Still here.');
  });

  it('makes a unique slug when the headline repeats', async () => {
    const a = await postEditor(app, '/admin/articles', articleFields(session.csrf), session.jar);
    const b = await postEditor(app, '/admin/articles', articleFields(session.csrf), session.jar);
    expect((await container.editorial.get(idFrom(a.headers.location))).slug).toBe('ministers-agree-on-a-joint-statement');
    expect((await container.editorial.get(idFrom(b.headers.location))).slug).toBe('ministers-agree-on-a-joint-statement-2');
  });

  it('schedules an article that goes live when the clock passes its time', async () => {
    const at = new Date(clock.now().getTime() + 2 * 3600_000);
    const response = await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, { status: 'scheduled', publishAt: at.toISOString().slice(0, 16), headline: 'Embargoed until noon' }),
      session.jar,
    );
    expect(response.headers.location).toMatch(/saved=scheduled/);
    expect((await getPage(app, '/articles/embargoed-until-noon')).statusCode).toBe(404);
    expect((await getPage(app, '/')).body).not.toContain('Embargoed until noon');
    clock.set(new Date(at.getTime() + 60_000));
    expect((await getPage(app, '/articles/embargoed-until-noon')).statusCode).toBe(200);
    expect((await getPage(app, '/')).body).toContain('Embargoed until noon');
  });

  it('refuses a schedule in the past, keeping the text', async () => {
    const past = new Date(clock.now().getTime() - 3600_000).toISOString().slice(0, 16);
    const response = await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, { status: 'scheduled', publishAt: past, body: 'My careful words.' }),
      session.jar,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('That time has passed');
    expect(response.body).toContain('My careful words.');
  });

  it('does not let a contributor publish, even by forging the form, but keeps their draft', async () => {
    const contributor = await makeUser(container, 'contributor');
    const c = await signedInAs(container, contributor);
    const forged = await postEditor(app, '/admin/articles', articleFields(c.csrf, { headline: 'Sneaky publish' }), c.jar);
    expect(forged.statusCode).toBe(403);
    const draft = await postEditor(app, '/admin/articles', articleFields(c.csrf, { headline: 'Honest draft', status: 'draft' }), c.jar);
    expect(draft.statusCode).toBe(303);
    const id = idFrom(draft.headers.location);
    expect((await container.editorial.get(id)).status).toBe('draft');
    const form = await getPage(app, `/admin/articles/${id}/edit`, c.jar);
    expect(form.body).not.toContain('id="status-published"');
    expect(form.body).toContain('an editor publishes them');
    expect((await getPage(app, '/articles/honest-draft')).statusCode).toBe(404);
  });

  it('keeps revisions, shows what changed, and restores an earlier one', async () => {
    const created = await postEditor(
      app,
      '/admin/articles',
      articleFields(session.csrf, { body: 'First wording of the story.' }),
      session.jar,
    );
    const id = idFrom(created.headers.location);
    await postEditor(
      app,
      `/admin/articles/${id}`,
      articleFields(session.csrf, { body: 'Second wording of the story.', headline: 'Ministers agree' }),
      session.jar,
    );
    const revisions = await container.editorial.revisions(id);
    expect(revisions).toHaveLength(2);
    const first = revisions[1]!;
    const list = await getPage(app, `/admin/articles/${id}/revisions`, session.jar);
    expect(list.body).toContain('Compare with current');
    const diff = await getPage(app, `/admin/articles/${id}/revisions/${first.id}`, session.jar);
    expect(diff.body).toContain('<del>First wording of the story.</del>');
    expect(diff.body).toContain('<ins>Second wording of the story.</ins>');
    const restored = await adminPost(app, `/admin/articles/${id}/revisions/${first.id}/restore`, { _csrf: session.csrf }, session.jar);
    expect(restored.statusCode).toBe(303);
    const now = await container.editorial.get(id);
    expect(now.bodyMarkdown).toBe('First wording of the story.');
    expect(now.headline).toBe('Ministers agree on a joint statement');
    expect(await container.editorial.revisions(id)).toHaveLength(3);
    const trail = await container.audit.list({ subjectType: 'article', subjectId: id });
    expect(trail.map((e) => e.action)).toEqual(['article.restore-revision', 'article.update', 'article.publish']);
  });

  it('unpublishes, trashes and restores an article', async () => {
    const created = await postEditor(app, '/admin/articles', articleFields(session.csrf), session.jar);
    const id = idFrom(created.headers.location);
    await adminPost(app, `/admin/articles/${id}/unpublish`, { _csrf: session.csrf }, session.jar);
    expect((await container.editorial.get(id)).status).toBe('draft');
    expect((await getPage(app, '/articles/ministers-agree-on-a-joint-statement')).statusCode).toBe(404);
    await adminPost(app, `/admin/articles/${id}/trash`, { _csrf: session.csrf }, session.jar);
    expect((await container.editorial.get(id)).status).toBe('trash');
    const trash = await getPage(app, '/admin/articles?status=trash', session.jar);
    expect(trash.body).toContain('Ministers agree on a joint statement');
    await adminPost(app, `/admin/articles/${id}/restore`, { _csrf: session.csrf }, session.jar);
    expect((await container.editorial.get(id)).status).toBe('draft');
  });

  it('closes replies on an article when unticked', async () => {
    const fields = articleFields(session.csrf);
    delete fields.repliesOpen;
    const created = await postEditor(app, '/admin/articles', fields, session.jar);
    expect((await container.editorial.get(idFrom(created.headers.location))).repliesOpen).toBe(false);
    const page = await getPage(app, '/articles/ministers-agree-on-a-joint-statement');
    expect(page.body).toContain('Replies are closed on this article.');
  });

  it('keeps the text when the session ended while the author wrote, and saves after signing in again', async () => {
    await container.accounts.signOutEverywhere(author.id);
    const lost = await postEditor(
      app,
      '/admin/articles',
      articleFields('stale-token', { body: 'Three hours of careful writing.' }),
      session.jar,
    );
    expect(lost.statusCode).toBe(401);
    expect(lost.body).toContain('You were signed out, so nothing was saved');
    expect(lost.body).toContain('Three hours of careful writing.');
    // Only the demo article exists: nothing was saved.
    expect(await container.editorial.list({})).toHaveLength(1);
    // Signed in again (another tab): the old form's token is refused, the text comes back with a fresh one.
    const again = await signedInAs(container, author);
    const stale = await postEditor(
      app,
      '/admin/articles',
      articleFields('stale-token', { body: 'Three hours of careful writing.' }),
      again.jar,
    );
    expect(stale.statusCode).toBe(403);
    expect(stale.body).toContain('opened in an earlier session');
    expect(stale.body).toContain('Three hours of careful writing.');
    expect(stale.body).toContain(`name="_csrf" value="${again.csrf}"`);
    const saved = await postEditor(
      app,
      '/admin/articles',
      articleFields(again.csrf, { body: 'Three hours of careful writing.' }),
      again.jar,
    );
    expect(saved.statusCode).toBe(303);
  });

  it('previews Markdown as readers will see it, sanitised', async () => {
    const response = await adminPost(
      app,
      '/admin/articles/preview',
      { _csrf: session.csrf, headline: 'H', dek: '', body: '## Sub\n\n<script>alert(1)</script>*em*' },
      session.jar,
      { accept: 'application/json' },
    );
    expect(response.statusCode).toBe(200);
    const { html } = response.json() as { html: string };
    expect(html).toContain('<h2>Sub</h2>');
    expect(html).not.toContain('<script');
  });

  it('uploads a featured image in responsive WebP and JPEG sizes, served from /media', async () => {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const response = await postEditor(app, '/admin/articles', articleFields(session.csrf, { featuredAlt: 'A blue square' }), session.jar, {
      name: 'image',
      filename: 'photo.png',
      type: 'image/png',
      bytes: png,
    });
    expect(response.statusCode).toBe(303);
    const article = await container.editorial.get(idFrom(response.headers.location));
    const media = (await container.media.find(article.featuredMediaId!))!;
    expect(media.variants.map((v) => v.file).sort()).toEqual(['1200.jpg', '1200.webp', '480.jpg', '480.webp', '960.jpg', '960.webp']);
    expect(existsSync(join(container.config.uploadsDir, media.key, '960.webp'))).toBe(true);
    const served = await app.inject({ method: 'GET', url: `/media/${media.key}/480.webp` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect((await sharp(served.rawPayload).metadata()).width).toBe(480);
    // Readers get the picture in every size, WebP first, with the description as its alt text.
    const page = await getPage(app, '/articles/ministers-agree-on-a-joint-statement');
    expect(page.body).toContain(
      `<source type="image/webp" srcset="/media/${media.key}/480.webp 480w, /media/${media.key}/960.webp 960w, /media/${media.key}/1200.webp 1200w"`,
    );
    expect(page.body).toMatch(/<img src="\/media\/[0-9a-f]+\/960\.jpg"[^>]*alt="A blue square" width="1200" height="800"/);
  });

  it('refuses a file that is not an image, judged by its content, keeping the text', async () => {
    const response = await postEditor(app, '/admin/articles', articleFields(session.csrf, { body: 'Words to keep.' }), session.jar, {
      name: 'image',
      filename: 'photo.jpg',
      type: 'image/jpeg',
      bytes: Buffer.from('#!/bin/sh\necho this is not a picture\n'),
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('That file is not an image Gazette can read.');
    expect(response.body).toContain('Words to keep.');
    expect(await container.editorial.list({})).toHaveLength(1);
  });

  it('answers 413 for an oversized image, with a message and the text kept', async () => {
    const big = Buffer.alloc(container.config.maxUploadBytes + 1024, 1);
    const response = await postEditor(app, '/admin/articles', articleFields(session.csrf, { body: 'A long investigation.' }), session.jar, {
      name: 'image',
      filename: 'huge.jpg',
      type: 'image/jpeg',
      bytes: big,
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('The image is too large: the limit is 8 MB.');
    expect(response.body).toContain('A long investigation.');
  });
});
