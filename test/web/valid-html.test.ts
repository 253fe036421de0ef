import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, replyFields } from '../support/factories.js';
import { CookieJar, postForm } from '../support/http.js';
import { createTestApp } from '../support/test-app.js';

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
});
