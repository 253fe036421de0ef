import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoArticle } from '../../src/modules/articles/index.js';
import { adminPost, articleFields, makeUser, postEditor, signedInAs } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply } from '../support/factories.js';
import { postForm } from '../support/http.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const apiUrl = `/api/articles/${slug}/replies`;
const formUrl = `/articles/${slug}/replies`;

function postJson(site: TestApp, body: string, ip = '192.0.2.10') {
  // Written as raw JSON text so escapes such as \ud800 (a lone surrogate) arrive as sent.
  return site.app.inject({
    method: 'POST',
    url: apiUrl,
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: body,
  });
}

async function storedReplies(site: TestApp) {
  return site.storage.db.selectFrom('replies').select(['author_name', 'body', 'status']).orderBy('id').execute();
}

/*
 * Finding 11 of issue 7: NUL (a 500 on PostgreSQL), lone surrogates, names and comments made of
 * nothing visible, and bidi overrides in names were all accepted.
 */
describe.each(testDatabases)('what reader text may hold, on $name', (database) => {
  const site = useTestApp(database);

  it('refuses a NUL in the comment with 422 on the field, keeping the text in the form, and stores nothing', async () => {
    const response = await postForm(site.app, formUrl, { comment: 'Before\0after', author: 'Ada', email: 'ada@example.org', url: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('contains a NUL character (U+0000)');
    expect(response.body).toContain('Before');
    expect(await storedReplies(site)).toEqual([]);
  });

  it('refuses a NUL through the JSON API with a 422 naming the field, not a 500', async () => {
    const response = await postJson(site, JSON.stringify({ comment: 'Fine text.', author: 'Ada\u0000', email: 'ada@example.org' }));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'invalid', field: 'author' } });
    expect(response.json().error.message).toContain('NUL');
    expect(await storedReplies(site)).toEqual([]);
  });

  it('refuses a lone surrogate with a 422 instead of storing U+FFFD', async () => {
    const response = await postJson(site, '{"comment":"broken \\ud800 half","author":"Ada","email":"ada@example.org"}');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'invalid', field: 'comment' } });
    expect(response.json().error.message).toContain('surrogate');
    expect(await storedReplies(site)).toEqual([]);
  });

  it('treats a name and a comment made only of blank, zero-width and filler characters as empty', async () => {
    const response = await postJson(
      site,
      JSON.stringify({
        comment: ' \u200b\u200c\u2060\ufeff\u3164\u2800\n\u00a0',
        author: '\u200b\u115f\u3164\u202e ',
        email: 'ada@example.org',
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toEqual([
      { field: 'comment', message: 'Please type your comment.' },
      { field: 'author', message: 'Please enter your name.' },
    ]);
    expect(await storedReplies(site)).toEqual([]);
  });

  it('removes bidi overrides and isolates from a name, keeping its letters', async () => {
    const response = await postJson(
      site,
      JSON.stringify({ comment: 'A fair point.', author: 'Ada \u202egnp.exe\u202c \u2066x\u2069', email: 'ada@example.org' }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().reply.author.name).toBe('Ada gnp.exe x');
    expect((await storedReplies(site))[0]!.author_name).toBe('Ada gnp.exe x');
  });

  it('keeps right-to-left and CJK text, emoji and ZWJ sequences intact, composed to NFC', async () => {
    const comment = 'مرحبا بالعالم. שלום עולם. 你好，世界。 👩🏽‍💻 👨‍👩‍👧 🏳️‍🌈 cafe\u0301';
    const response = await postJson(site, JSON.stringify({ comment, author: 'דוד כהן', email: 'david@example.org' }));
    expect(response.statusCode).toBe(201);
    const [stored] = await storedReplies(site);
    expect(stored!.body).toBe(comment.normalize('NFC'));
    expect(stored!.body.endsWith('café')).toBe(true);
    expect(stored!.body).toContain('👩🏽‍💻 👨‍👩‍👧 🏳️‍🌈');
    expect(stored!.author_name).toBe('דוד כהן');
  });

  it('answers 422, not 500, to a NUL in a path parameter or a query', async () => {
    expect((await site.app.inject({ url: '/articles/demo%00x' })).statusCode).toBe(422);
    expect((await site.app.inject({ url: `/api/articles/a%00b/replies` })).statusCode).toBe(422);
    expect((await site.app.inject({ url: `/articles/${slug}?cpage=%00` })).statusCode).toBe(422);
  });

  it('refuses a NUL in a moderator’s edit and keeps the stored text', async () => {
    const editor = await makeUser(site.container, 'editor');
    const session = await signedInAs(site.container, editor);
    const article = await site.container.articles.getPublished(slug);
    const reply = await approvedReply(site.container, {
      articleId: article.id,
      comment: 'Original words.',
      author: 'Ada',
      email: 'ada@example.org',
    });
    const response = await adminPost(
      site.app,
      `/admin/replies/${reply.id}`,
      { _csrf: session.csrf, body: 'Edited\0words.', reason: 'typo' },
      session.jar,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('NUL');
    expect((await site.container.replies.find(reply.id))!.body).toBe('Original words.');
  });

  it('refuses a NUL in the editor’s multipart form with 422 on the field, keeping the text', async () => {
    const writer = await makeUser(site.container, 'editor');
    const session = await signedInAs(site.container, writer);
    const response = await postEditor(
      site.app,
      '/admin/articles',
      articleFields(session.csrf, { headline: 'Talks\0 resume', body: 'Kept body text.' }),
      session.jar,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('NUL');
    expect(response.body).toContain('Kept body text.');
    const count = await site.storage.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('stores an uploaded image whose file name holds a NUL or half a surrogate pair, with those removed', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const media = await site.container.media.upload(png, 'map\0of\ud800 talks.png', null);
    expect(media.originalName).toBe('mapof talks.png');
    expect((await site.container.media.find(media.id))!.originalName).toBe('mapof talks.png');
  });
});
