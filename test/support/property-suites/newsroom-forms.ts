import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { demoArticle } from '../../../src/modules/articles/index.js';
import { formToken, makeUser, signedInAs } from '../admin.js';
import { testDatabases } from '../databases.js';
import { replyFields, sender } from '../factories.js';
import { CookieJar } from '../http.js';
import { hostileFields, hostileHeaders, hostileQuery, sendableHeaders, sendAndCheck, wireBody } from '../hostile-http.js';
import { createTestApp, type TestApp } from '../test-app.js';

const text = (...values: string[]) => fc.constantFrom(...values);

/** An id in a path: one that exists, one that does not, or one no route takes. */
function idSegment(existing: () => number[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 3).map((i) => String(existing()[i % Math.max(1, existing().length)] ?? 1)) },
    { weight: 1, arbitrary: text('0', '999999999999', '1e20', '-1', 'NaN', '%zz', '9'.repeat(20), '01') },
  );
}

/**
 * Property runs over every newsroom form: sign-in, setup, forgot and reset (anonymous, with and
 * without the form token), and, signed in as an administrator, the editor's multipart save, the
 * live preview, the desk's bulk and single actions, a reply's edit and answer, the discussion
 * settings and people, API tokens and webhooks. Plus the newsroom's GET pages with hostile query
 * strings. Never a 5xx, a message with every refusal, the database unchanged by a refusal. On
 * SQLite and PostgreSQL.
 */
export function newsroomFormProperties(numRuns: number): void {
  describe.each(testDatabases)('newsroom forms under hostile input ($name)', (database) => {
    let t: TestApp;
    let admin: { jar: CookieJar; csrf: string };
    let articleIds: number[] = [];
    const replyIds: number[] = [];
    let userIds: number[] = [];
    const tokenIds: number[] = [];
    const webhookIds: number[] = [];
    /** A token for the signed-out forms (double submit), and the jar that carries its cookie. */
    let anonymous: { jar: CookieJar; csrf: string };

    beforeAll(async () => {
      t = await createTestApp(database);
      const user = await makeUser(t.container, 'administrator');
      const other = await makeUser(t.container, 'author');
      userIds = [user.id, other.id];
      admin = await signedInAs(t.container, user);
      for (const scope of ['read', 'write'])
        tokenIds.push((await t.container.apiTokens.create(user.id, { name: `Property ${scope}`, scope })).id);
      webhookIds.push((await t.container.webhooks.register({ url: 'https://hooks.example/property', events: ['reply.held'] })).id);
      const article = await t.container.articles.getPublished(demoArticle.slug!);
      articleIds = [article.id];
      for (let i = 0; i < 3; i++)
        replyIds.push(
          (await t.container.replies.post(replyFields({ articleId: article.id, email: `reader${i}@example.org` }), sender())).id,
        );
      const page = await t.app.inject({ method: 'GET', url: '/admin/sign-in', headers: { accept: 'text/html' } });
      const jar = new CookieJar();
      jar.take(page);
      anonymous = { jar, csrf: formToken(page.body) };
    });
    afterAll(async () => {
      await t?.close();
    });

    /** The form token: the right one mostly, else missing or wrong (a forged form). */
    const csrfChoice = fc.constantFrom('right', 'right', 'right', 'missing', 'wrong');
    const signedOutForms: Record<string, Record<string, fc.Arbitrary<string>>> = {
      '/admin/sign-in': {
        email: text('admin@newsroom.example', 'nobody@example.org', ''),
        password: text('correct horse battery staple', 'wrong', ''),
        next: text('/admin', '/admin/replies', '/elsewhere', ''),
      },
      '/admin/setup': {
        token: text('', 'made-up-token'),
        email: text('first@example.org', 'bad'),
        name: text('First Admin', ''),
        password: text('correct horse battery staple', 'short'),
      },
      '/admin/forgot': { email: text('admin@newsroom.example', 'nobody@example.org', 'not-an-email', '') },
      '/admin/reset': { token: text('', 'made-up-token'), password: text('correct horse battery staple', 'short') },
    };

    it('the signed-out forms (sign-in, setup, forgot, reset) refuse hostile bodies with a message', async () => {
      const form = fc.constantFrom(...Object.keys(signedOutForms));
      const request = form.chain((url) =>
        fc.tuple(fc.constant(url), wireBody(hostileFields(signedOutForms[url]!), 'form'), csrfChoice, hostileHeaders),
      );
      await fc.assert(
        fc.asyncProperty(request, async ([url, body, choice, headers]) => {
          // The token rides in the body for a proper form; for the others it is simply absent.
          const withToken =
            body.kind === 'urlencoded' && choice !== 'missing'
              ? { ...body, payload: `${body.payload}&_csrf=${choice === 'right' ? encodeURIComponent(anonymous.csrf) : 'forged'}` }
              : body;
          await sendAndCheck(t.app, t.storage, {
            method: 'POST',
            url,
            body: withToken,
            headers: sendableHeaders({ ...headers, ...anonymous.jar.header() }),
          });
        }),
        { numRuns },
      );
    });

    it('the editor (multipart save, new and existing) and its preview refuse hostile bodies with a message', async () => {
      const editorFields = {
        headline: text('Ministers meet', ''),
        dek: text('A dek.', ''),
        body: text('Some **text**.', ''),
        status: text('draft', 'published', 'scheduled', 'trash'),
        publishAt: text('', '2026-02-01T10:00', '2026-13-45T99:99', 'yesterday'),
        repliesOpen: text('on', ''),
        slug: text('', 'a-slug', 'Bad Slug!', '../x'),
        section: text('World', '', 'Sport'),
        tags: text('Diplomacy, North Korea', ',,,', ''),
        featuredMediaId: text('', '1', '999999999999'),
        featuredAlt: text('', 'A photo'),
        removeImage: text('on', ''),
        intent: text('save', 'preview', 'publish'),
      };
      const target = fc.oneof(
        fc.constant('/admin/articles'),
        idSegment(() => articleIds).map((id) => `/admin/articles/${id}`),
      );
      const save = fc.tuple(target, wireBody(hostileFields(editorFields), 'multipart'), csrfChoice, hostileHeaders, fc.boolean());
      await fc.assert(
        fc.asyncProperty(save, async ([url, body, choice, headers, signedIn]) => {
          // The editor reads its token from the multipart body; add it as the first part.
          const payload =
            body.kind === 'multipart' && choice !== 'missing' && Buffer.isBuffer(body.payload)
              ? Buffer.concat([
                  Buffer.from(
                    `--gzHostileBoundary7\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${choice === 'right' ? admin.csrf : 'forged'}\r\n`,
                  ),
                  body.payload,
                ])
              : body.payload;
          const jar = signedIn ? admin.jar : new CookieJar();
          const response = await sendAndCheck(t.app, t.storage, {
            method: 'POST',
            url,
            body: { ...body, ...(payload !== undefined ? { payload } : {}) },
            headers: sendableHeaders({ ...headers, ...jar.header() }),
          });
          const created = /^\/admin\/articles\/(\d+)\/edit/.exec(String(response.headers.location ?? ''));
          if (created && !articleIds.includes(Number(created[1]))) articleIds.push(Number(created[1]));
        }),
        { numRuns },
      );
      const preview = fc.tuple(
        wireBody(hostileFields({ headline: text('A headline'), dek: text('A dek'), body: text('Some *text*') }), 'form'),
        csrfChoice,
        hostileHeaders,
      );
      await fc.assert(
        fc.asyncProperty(preview, async ([body, choice, headers]) => {
          const withToken =
            body.kind === 'urlencoded' && choice !== 'missing'
              ? { ...body, payload: `${body.payload}&_csrf=${choice === 'right' ? encodeURIComponent(admin.csrf) : 'forged'}` }
              : body;
          await sendAndCheck(t.app, t.storage, {
            method: 'POST',
            url: '/admin/articles/preview',
            body: withToken,
            headers: sendableHeaders({ ...headers, ...admin.jar.header() }),
          });
        }),
        { numRuns },
      );
    });

    it('the desk, settings, people, article actions, API tokens and webhooks refuse hostile bodies with a message', async () => {
      const forms: { url: fc.Arbitrary<string>; fields: Record<string, fc.Arbitrary<string>> }[] = [
        {
          url: fc.constant('/admin/replies/bulk'),
          fields: {
            ids: fc.constantFrom(0, 1, 2).map((i) => String(replyIds[i] ?? 1)),
            action: text('approve', 'hold', 'spam', 'trash', 'delete', 'explode', ''),
            one: fc.constantFrom(0, 1).map((i) => `approve:${replyIds[i] ?? 1}`),
            reason: text('', 'Off topic'),
            return: text('/admin/replies', '/admin/replies?status=spam', 'https://evil.example', ''),
            bulk: text('1', ''),
          },
        },
        {
          url: idSegment(() => replyIds).map((id) => `/admin/replies/${id}`),
          fields: { body: text('Edited text.', ''), reason: text('Typo', '') },
        },
        {
          url: idSegment(() => replyIds).map((id) => `/admin/replies/${id}/answer`),
          fields: { answer: text('Thank you for writing.', '') },
        },
        {
          url: fc.constant('/admin/settings/discussion'),
          fields: {
            requireNameEmail: text('on', ''),
            manualApproval: text('on', ''),
            autoApproveKnownAuthors: text('on', ''),
            detectDuplicates: text('on', ''),
            holdLinkCount: text('2', '-1', '1e20', ''),
            closeAfterDays: text('0', '14', '999999'),
            threadDepth: text('5', '0', '100'),
            repliesPerPage: text('0', '50', 'NaN'),
            floodIntervalSeconds: text('0', '15'),
            order: text('oldest', 'newest', 'random'),
            erasureMode: text('anonymise', 'remove', 'shred'),
            holdWords: text('', 'casino\nviagra'),
            blockWords: text('', 'spam'),
          },
        },
        {
          url: fc.constantFrom('/admin/privacy', '/admin/privacy/export', '/admin/privacy/erase'),
          fields: { email: text('ada@example.org', 'not-an-email', ''), confirm: text('on', 'yes', '') },
        },
        {
          url: fc.constant('/admin/settings/site'),
          fields: {
            title: text('The Gazette', '', ' ', 'x'.repeat(5000), '<script>alert(1)</script>'),
            description: text('', 'News.\r\nMore.'),
            navigation: text('About | /articles/about', 'x | javascript:alert(1)', '| //evil.example', 'no bar', '|'.repeat(50)),
            language: text('en', 'en-GB', 'xx-!!', ''),
            timeZone: text('UTC', 'Europe/Paris', '../../etc/passwd', ''),
          },
        },
        {
          url: fc.constant('/admin/settings/site/pages'),
          fields: { pageTitle: text('About', '', ' ') },
        },
        {
          url: fc.constant('/admin/users'),
          fields: {
            name: text('New Writer', ''),
            email: text('writer@example.org', 'bad'),
            password: text('correct horse battery staple', 'short'),
            role: text('author', 'administrator', 'god', ''),
          },
        },
        // Only the second account's role, so the run keeps its administrator.
        {
          url: fc.constant(0).map(() => `/admin/users/${userIds[1]}/role`),
          fields: { role: text('editor', 'contributor', 'overlord', '') },
        },
        {
          url: fc
            .tuple(
              idSegment(() => articleIds),
              text('unpublish', 'trash', 'restore'),
            )
            .map(([id, a]) => `/admin/articles/${id}/${a}`),
          fields: {},
        },
        {
          url: fc
            .tuple(
              idSegment(() => articleIds),
              text('1', '2', '999999999999'),
            )
            .map(([id, rev]) => `/admin/articles/${id}/revisions/${rev}/restore`),
          fields: {},
        },
        { url: fc.constant('/admin/sign-out-everywhere'), fields: {} },
        {
          url: fc.constant('/admin/account/api-tokens'),
          fields: { name: text('Newsletter script', '', ' ', 'x'.repeat(10_240)), scope: text('read', 'write', 'admin', '') },
        },
        {
          url: idSegment(() => tokenIds).map((id) => `/admin/account/api-tokens/${id}/revoke`),
          fields: {},
        },
        {
          url: fc.constant('/admin/webhooks'),
          fields: {
            url: text(
              'https://hooks.example/in',
              'ftp://hooks.example/in',
              'javascript:alert(1)',
              'https://u:p@hooks.example/',
              '',
              'x'.repeat(5000),
            ),
            events: text('article.published', 'reply.held', 'article.deleted', ''),
          },
        },
        {
          url: fc
            .tuple(
              idSegment(() => webhookIds),
              text('test', 'disable', 'enable', 'remove'),
            )
            .map(([id, a]) => `/admin/webhooks/${id}/${a}`),
          fields: {},
        },
      ];
      const request = fc
        .constantFrom(...forms)
        .chain((f) => fc.tuple(f.url, wireBody(hostileFields(f.fields), 'form'), csrfChoice, hostileHeaders));
      await fc.assert(
        fc.asyncProperty(request, async ([url, body, choice, headers]) => {
          // Ending every session would sign the run's administrator out: only forged attempts go there.
          if (url === '/admin/sign-out-everywhere' && choice === 'right') choice = 'wrong';
          const withToken =
            body.kind === 'urlencoded'
              ? {
                  ...body,
                  payload: `${body.payload}${choice === 'missing' ? '' : `&_csrf=${choice === 'right' ? encodeURIComponent(admin.csrf) : 'forged'}`}`,
                }
              : body;
          await sendAndCheck(t.app, t.storage, {
            method: 'POST',
            url,
            body: withToken,
            headers: sendableHeaders({ ...headers, ...admin.jar.header() }),
          });
        }),
        { numRuns },
      );
    });

    it('the newsroom pages answer hostile query strings without a 5xx', async () => {
      const page = fc.oneof(
        text(
          '/admin',
          '/admin/replies',
          '/admin/articles',
          '/admin/settings/discussion',
          '/admin/settings/site',
          '/admin/users',
          '/admin/audit',
          '/admin/account',
          '/admin/account/api-tokens',
          '/admin/webhooks',
          '/admin/sign-in',
          '/admin/setup',
          '/admin/forgot',
          '/admin/reset',
        ),
        idSegment(() => articleIds).map((id) => `/admin/articles/${id}/edit`),
        idSegment(() => articleIds).map((id) => `/admin/articles/${id}/revisions`),
        idSegment(() => replyIds).map((id) => `/admin/replies/${id}`),
        idSegment(() => webhookIds).map((id) => `/admin/webhooks/${id}`),
        idSegment(() => tokenIds).map((id) => `/admin/account/api-tokens/${id}/revoke`),
      );
      const query = hostileQuery(
        ['status', 'q', 'sender', 'page', 'done', 'n', 'saved', 'token', 'notice'],
        text('held', 'spam', '1', '2', 'approve', 'draft', 'abc123'),
      );
      await fc.assert(
        fc.asyncProperty(page, query, fc.boolean(), async (p, q, signedIn) => {
          const jar = signedIn ? admin.jar : anonymous.jar;
          await sendAndCheck(t.app, t.storage, { method: 'GET', url: p + q, headers: { accept: 'text/html', ...jar.header() } });
        }),
        { numRuns },
      );
    });
  });
}
