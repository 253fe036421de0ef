import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { CookieJar, postForm } from '../support/http.js';
import { drawPicture, giveFeaturedImage } from '../support/pictures.js';
import { createTestApp, TEST_SITE_SECRET } from '../support/test-app.js';
import { privacyLinkKey, signPrivacyLink } from '../../src/modules/privacy/privacy-links.js';

// Valid HTML5 (PRODUCT.md, "Look and feel"), checked offline with html-validate's recommended rules.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The reply form's `novalidate` and `required` are written as bare boolean attributes (HTML5 style).
    'attribute-boolean-style': 'off',
    // Style choices, not validity: preact writes void elements as `<input/>`, which HTML5 allows.
    'void-style': 'off',
    // A news headline is often longer than 70 characters; the page title carries it whole.
    'long-title': 'off',
  },
});

describe('pages are valid HTML', () => {
  let app: FastifyInstance;
  let container: Container;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, container, close } = await createTestApp(testDatabases[0]!));
    const article = await container.articles.getPublished(demoArticle.slug!);
    const root = await approvedReply(container, replyFields({ articleId: article.id, url: 'https://ada.example' }));
    await approvedReply(container, replyFields({ articleId: article.id, parentId: root.id, email: 'b@example.org', author: 'B' }));
    // Pictures at every rank of a front (lead, secondary) and on the article page, with link previews.
    await giveFeaturedImage(container, article.id, await drawPicture(0), 'Ministers at a table');
    for (const i of [1, 2]) {
      const more = await makeArticle(container, {
        section: 'World',
        tags: ['Russia'],
        publishedAt: new Date(article.publishedAt!.getTime() - i * 3_600_000),
      });
      await giveFeaturedImage(container, more.id, await drawPicture(i), `Picture ${i}`);
    }
  });
  afterAll(async () => {
    await close();
  });

  async function check(html: string) {
    const report = await validator.validateString(html);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line}:${m.column})`));
    expect(messages).toEqual([]);
  }

  it.each([
    '/',
    `/articles/${demoArticle.slug}`,
    '/section/world',
    '/tag/russia',
    '/author/gazette-world-desk',
    `/articles/${demoArticle.slug}?replytocom=1`,
    '/privacy',
  ])('%s', async (url) => {
    const response = await app.inject({ url, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    await check(response.body);
  });

  it('the 404 page', async () => {
    await check((await app.inject({ url: '/missing', headers: { accept: 'text/html' } })).body);
  });

  it('the article page after a failed post', async () => {
    const response = await postForm(
      app,
      `/articles/${demoArticle.slug}/replies`,
      { comment: 'kept', author: '', email: 'x' },
      new CookieJar(),
    );
    expect(response.statusCode).toBe(422);
    await check(response.body);
  });

  it('the privacy page refusing an address, and the pages of its mailed link', async () => {
    const refused = await postForm(app, '/privacy', { email: 'not an address' });
    expect(refused.statusCode).toBe(422);
    await check(refused.body);
    // A live request for the factories' address, as a mailed link names it.
    const now = container.clock.now();
    const expires = new Date(now.getTime() + 3600_000);
    const { id } = await container.storage.db
      .insertInto('privacy_requests')
      .values({
        email_hash: (await container.replies.commenterEmails()).fingerprint('ada@example.org'),
        sender_hash: 'x',
        mailed: 1,
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = signPrivacyLink(privacyLinkKey(TEST_SITE_SECRET), id, expires);
    for (const url of [`/privacy/verify?token=${token}`, `/privacy/erase?token=${token}`]) {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(200);
      await check(response.body);
    }
    const erased = await postForm(app, '/privacy/erase', { token });
    expect(erased.statusCode).toBe(200);
    await check(erased.body);
  });
});
