import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { formTokenKeys, mintFormTokens, signFormToken } from '../../../src/lib/form-token.js';
import { demoArticle } from '../../../src/modules/articles/index.js';
import { testDatabases } from '../databases.js';
import { approvedReply, replyFields } from '../factories.js';
import { hostileFields, hostileHeaders, hostileQuery, hostileString, sendableHeaders, sendAndCheck, wireBody } from '../hostile-http.js';
import { createTestApp, TEST_SITE_SECRET, TEST_START, type TestApp } from '../test-app.js';

/** The reply form's fields as a reader (or a script) fills them in. */
const replyForm = {
  comment: fc.constantFrom('A fair point about the talks.', 'I disagree.\n\nStrongly.', 'Thanks'),
  author: fc.constantFrom('Ada Reader', 'Kim', 'Ji-woo'),
  email: fc.constantFrom('ada@example.org', 'kim@example.co.kr', 'not-an-email'),
  url: fc.constantFrom('', 'https://ada.example', 'ada.example', 'ftp://x'),
  remember: fc.constantFrom('on', 'false'),
  comment_post_ID: fc.constantFrom('1', '2'),
  comment_parent: fc.constantFrom('0', '1', '2', ''),
  // Signed as the test site signs: a person's (served a minute before the clock's start), a bot's
  // (served at once), a day-old one, one of the version 1 tokens issued before, and junk; reused
  // across runs, so replays are exercised too.
  form_token: fc.constantFrom(
    ...[60, 0, 90_000].map(
      (ago) => mintFormTokens(formTokenKeys(TEST_SITE_SECRET).block, new Date(TEST_START.getTime() - ago * 1000), 1)[0]!,
    ),
    signFormToken(formTokenKeys(TEST_SITE_SECRET), new Date(TEST_START.getTime() - 60_000)),
    'v1.junk',
    'v2.junk',
  ),
  contact_url: fc.constantFrom('', 'https://spam.example'),
};

/** An article path segment: the demo's, an unknown one, or something hostile. */
const slug = fc.oneof(
  { weight: 5, arbitrary: fc.constant(demoArticle.slug!) },
  { weight: 1, arbitrary: fc.constantFrom('no-such-article', 'a'.repeat(250), '%zz', '%00', '..%2F..', '%C0%AE') },
  {
    weight: 1,
    arbitrary: hostileString().map((s) => {
      try {
        return encodeURIComponent(s) || 'x';
      } catch {
        return '%ED%A0%80';
      }
    }),
  },
);

/**
 * Property runs over the public endpoints: the reply form (HTML POST and JSON API), the article
 * page and listings with their query parameters, the feeds and the API's GET. Never a 5xx, a
 * message with every refusal, nothing stored by a refused post. On SQLite and PostgreSQL.
 */
export function publicEndpointProperties(numRuns: number): void {
  describe.each(testDatabases)('public endpoints under hostile input ($name)', (database) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(database);
      // Every request comes from one test address: without this, flood control answers most posts.
      await t.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
      const article = await t.container.articles.getPublished(demoArticle.slug!);
      await approvedReply(t.container, replyFields({ articleId: article.id }));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('the reply form POST answers every body with a page or a message, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(slug, wireBody(hostileFields(replyForm, { big: true }), 'form'), hostileHeaders, async (s, body, headers) => {
          await sendAndCheck(t.app, t.storage, { method: 'POST', url: `/articles/${s}/replies`, body, headers: sendableHeaders(headers) });
        }),
        { numRuns },
      );
    });

    it('the JSON API POST answers every body with a reply or { error: { code, message } }, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(slug, wireBody(hostileFields(replyForm, { big: true }), 'json'), hostileHeaders, async (s, body, headers) => {
          await sendAndCheck(t.app, t.storage, {
            method: 'POST',
            url: `/api/articles/${s}/replies`,
            body,
            headers: sendableHeaders({ ...headers, accept: 'application/json' }),
          });
        }),
        { numRuns },
      );
    });

    it('the privacy page and its link’s pages answer any email or token with a page or a message, never a 5xx', async () => {
      const privacyForm = {
        email: fc.constantFrom('ada@example.org', 'Ada+tag@Example.org', 'not-an-email', ''),
        token: fc.constantFrom('p1.1.1.AAAA', 'p1.zzzzzzzzzzz.zzzzzzzzzzz.' + 'A'.repeat(43), 'v1.c.1.1.x', ''),
      };
      const path = fc.constantFrom('/privacy', '/privacy/download', '/privacy/erase');
      await fc.assert(
        fc.asyncProperty(path, wireBody(hostileFields(privacyForm), 'form'), hostileHeaders, async (p, body, headers) => {
          await sendAndCheck(t.app, t.storage, { method: 'POST', url: p, body, headers: sendableHeaders(headers) });
        }),
        { numRuns },
      );
      const query = hostileQuery(['token'], privacyForm.token);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('/privacy', '/privacy/verify', '/privacy/erase'), query, async (p, q) => {
          await sendAndCheck(t.app, t.storage, { method: 'GET', url: p + q, headers: { accept: 'text/html' } });
        }),
        { numRuns },
      );
    });

    it('the search page answers any query with results or “no results”: always a 200', async () => {
      // Any value of the search's own parameters (other parameters with unstorable text are refused by the site-wide guard).
      const value = fc.oneof(
        fc.constantFrom(
          'demo',
          'korea talks',
          '"north korea"',
          'NEAR(a b)',
          '*',
          '2',
          '%FF%FE',
          '%ED%A0%80',
          '%',
          '%00',
          '%C3',
          '%%',
          '%u0041',
          '%F4%90%80%80',
        ),
        hostileString().map((s) => {
          try {
            return encodeURIComponent(s);
          } catch {
            return '%ED%A0%80';
          }
        }),
      );
      const query = fc
        .array(fc.tuple(fc.constantFrom('q', 'q', 'page'), value), { maxLength: 3 })
        .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : ''));
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const response = await t.app.inject({ method: 'GET', url: '/search' + q });
          if (response.statusCode !== 200) throw new Error(`/search${q} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
        }),
        { numRuns },
      );
    });

    it('pages, listings, feeds and the API answer any query string without a 5xx', async () => {
      const path = fc.constantFrom(
        `/articles/${demoArticle.slug}`,
        `/articles/${demoArticle.slug}/replies`,
        `/articles/${demoArticle.slug}/replies/feed.xml`,
        `/api/articles/${demoArticle.slug}/replies`,
        '/',
        '/section/world',
        '/section/no-such-section',
        '/tag/north-korea',
        '/tag/%zz',
        '/author/gazette-world-desk',
        '/author/no-such-author',
        '/replies/feed.xml',
        '/2020/01/02/no-such-post/',
        '/category/world/feed/',
        '/wp-content/uploads/2019/05/x.jpg',
        '/feed.xml',
        '/atom.xml',
        '/feed.json',
        '/sitemap.xml',
        '/robots.txt',
        '/health',
        '/search',
      );
      const query = hostileQuery(
        ['cpage', 'replytocom', 'page', 'status', 'q', 'p', 'page_id', 'feed'],
        fc.constantFrom('1', '2', '0', '999999999999', '1e20', '-0', 'NaN'),
      );
      await fc.assert(
        fc.asyncProperty(path, query, hostileHeaders, async (p, q, headers) => {
          await sendAndCheck(t.app, t.storage, { method: 'GET', url: p + q, headers: sendableHeaders({ accept: headers.accept }) });
        }),
        { numRuns },
      );
    });
  });
}
