import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../src/container.js';
import type { Role, User } from '../../src/modules/accounts/index.js';
import type { ArticleDraft } from '../../src/modules/articles/index.js';
import { makeStaff, makeUser } from '../support/admin.js';
import { testDatabases } from '../support/databases.js';
import { approvedReply, makeArticle, replyFields } from '../support/factories.js';
import { answerChecker, type OpenApiDoc } from '../support/openapi.js';
import { createTestApp } from '../support/test-app.js';

/** The matrix's columns: nobody, a read-write token of each role, and an editor's read-only token. */
const callers = ['anonymous', 'contributor', 'author', 'editor', 'administrator', 'editor (read-only)'] as const;
type Caller = (typeof callers)[number];

type Subject = 'their published article' | 'own draft' | 'approved reply' | 'none';

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: (id: number, slug: string) => string;
  body?: (who: Caller) => object;
  subject: Subject;
  /** anonymous, contributor, author, editor, administrator, editor read-only. */
  expect: readonly [number, number, number, number, number, number];
}

const write = (headline: string, status?: string) => () => ({
  headline,
  bodyMarkdown: 'Text from a program.',
  section: 'World',
  tags: ['Wire'],
  ...(status ? { status } : {}),
});

/** Every /api/v1 route, with the exact status each caller gets (the newsroom's policy, not "anything but 403"). */
const rows: Row[] = [
  { name: 'list articles', method: 'GET', url: () => '/api/v1/articles', subject: 'none', expect: [200, 200, 200, 200, 200, 200] },
  {
    name: 'one article',
    method: 'GET',
    url: (_i, s) => `/api/v1/articles/${s}`,
    subject: 'their published article',
    expect: [200, 200, 200, 200, 200, 200],
  },
  { name: 'sections', method: 'GET', url: () => '/api/v1/sections', subject: 'none', expect: [200, 200, 200, 200, 200, 200] },
  { name: 'tags', method: 'GET', url: () => '/api/v1/tags', subject: 'none', expect: [200, 200, 200, 200, 200, 200] },
  { name: 'search', method: 'GET', url: () => '/api/v1/search?q=talks', subject: 'none', expect: [200, 200, 200, 200, 200, 200] },
  {
    name: 'reply thread',
    method: 'GET',
    url: (_i, s) => `/api/v1/articles/${s}/replies`,
    subject: 'their published article',
    expect: [200, 200, 200, 200, 200, 200],
  },
  {
    name: 'post a reply',
    method: 'POST',
    url: (_i, s) => `/api/v1/articles/${s}/replies`,
    body: (who) => ({ comment: `A reply from ${who}.`, author: `Reader ${who}`, email: `${who.replace(/\W/g, '')}@example.org` }),
    subject: 'their published article',
    expect: [201, 201, 201, 201, 201, 201],
  },
  {
    name: 'read their article in the newsroom',
    method: 'GET',
    url: (i) => `/api/v1/newsroom/articles/${i}`,
    subject: 'their published article',
    expect: [401, 403, 403, 200, 200, 200],
  },
  {
    name: 'read own draft in the newsroom',
    method: 'GET',
    url: (i) => `/api/v1/newsroom/articles/${i}`,
    subject: 'own draft',
    expect: [401, 200, 200, 200, 200, 200],
  },
  {
    name: 'create a draft',
    method: 'POST',
    url: () => '/api/v1/newsroom/articles',
    body: write('A draft from a script'),
    subject: 'none',
    expect: [401, 201, 201, 201, 201, 403],
  },
  {
    name: 'create a published article',
    method: 'POST',
    url: () => '/api/v1/newsroom/articles',
    body: write('Wire copy, published', 'published'),
    subject: 'none',
    expect: [401, 403, 201, 201, 201, 403],
  },
  {
    name: 'create a scheduled article',
    method: 'POST',
    url: () => '/api/v1/newsroom/articles',
    body: () => ({ ...write('Wire copy, scheduled', 'scheduled')(), publishAt: '2026-02-01T08:00:00Z' }),
    subject: 'none',
    expect: [401, 403, 201, 201, 201, 403],
  },
  {
    name: 'update their published article',
    method: 'PUT',
    url: (i) => `/api/v1/newsroom/articles/${i}`,
    body: write('Their story, changed'),
    subject: 'their published article',
    expect: [401, 403, 403, 200, 200, 403],
  },
  {
    name: 'update own draft',
    method: 'PUT',
    url: (i) => `/api/v1/newsroom/articles/${i}`,
    body: write('Own draft, changed'),
    subject: 'own draft',
    expect: [401, 200, 200, 200, 200, 403],
  },
  {
    name: 'publish own draft',
    method: 'POST',
    url: (i) => `/api/v1/newsroom/articles/${i}/publish`,
    body: () => ({}),
    subject: 'own draft',
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    name: 'schedule own draft',
    method: 'POST',
    url: (i) => `/api/v1/newsroom/articles/${i}/publish`,
    body: () => ({ publishAt: '2026-03-01T08:00:00Z' }),
    subject: 'own draft',
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    name: 'unpublish their article',
    method: 'POST',
    url: (i) => `/api/v1/newsroom/articles/${i}/unpublish`,
    subject: 'their published article',
    expect: [401, 403, 403, 200, 200, 403],
  },
  {
    name: 'list held replies',
    method: 'GET',
    url: () => '/api/v1/newsroom/replies?status=held',
    subject: 'none',
    expect: [401, 403, 403, 200, 200, 200],
  },
  {
    name: 'moderate a reply',
    method: 'POST',
    url: (i) => `/api/v1/newsroom/replies/${i}/moderate`,
    body: () => ({ action: 'hold', reason: 'Checking a claim.' }),
    subject: 'approved reply',
    expect: [401, 403, 403, 200, 200, 403],
  },
];

const draftOf = (headline: string, status: ArticleDraft['status']): ArticleDraft => ({
  headline,
  dek: '',
  slug: '',
  bodyMarkdown: 'Matrix text.',
  section: 'World',
  tags: [],
  status,
  publishAt: null,
  repliesOpen: true,
  featuredMediaId: null,
  featuredAlt: '',
});

describe.each(testDatabases)('the API authorization matrix on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let close: () => Promise<void>;
  let users: Record<Role, User>;
  let other: User;
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  let check: ReturnType<typeof answerChecker>;
  let cell = 0;

  beforeAll(async () => {
    ({ app, container, close } = await createTestApp(database));
    users = await makeStaff(container);
    other = await makeUser(container, 'author', 'Olga Other');
    for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
      tokens[role] = (await container.apiTokens.create(users[role].id, { name: `${role} script`, scope: 'write' })).secret;
    }
    tokens['editor (read-only)'] = (await container.apiTokens.create(users.editor.id, { name: 'reader', scope: 'read' })).secret;
    check = answerChecker(JSON.parse((await app.inject({ url: '/api/v1/openapi.json' })).body) as OpenApiDoc);
  });
  afterAll(async () => {
    await close();
  });

  /** Makes the cell's own subject, so no cell depends on what an earlier one changed. */
  async function make(subject: Subject, who: Caller): Promise<{ id: number; slug: string }> {
    const actor = (u: User) => ({ id: u.id, name: u.name, authorId: u.authorId });
    switch (subject) {
      case 'none':
        return { id: 0, slug: '' };
      case 'own draft': {
        const owner = who === 'anonymous' ? other : who === 'editor (read-only)' ? users.editor : users[who];
        const id = await container.editorial.create(draftOf(`Draft for ${who} ${++cell}`, 'draft'), actor(owner));
        return { id, slug: '' };
      }
      case 'their published article': {
        const id = await container.editorial.create(draftOf(`Their story ${++cell}`, 'published'), actor(other));
        return { id, slug: (await container.articles.findById(id))!.slug };
      }
      case 'approved reply': {
        const article = await makeArticle(container);
        const fields = replyFields({ articleId: article.id, email: `cell${++cell}@example.org` });
        return { id: (await approvedReply(container, fields)).id, slug: article.slug };
      }
    }
  }

  for (const row of rows) {
    it(`${row.method} ${row.name}: ${row.expect.join(' ')}`, async () => {
      const got: number[] = [];
      for (const [i, who] of callers.entries()) {
        const { id, slug } = await make(row.subject, who);
        const url = row.url(id, slug);
        const res = await app.inject({
          method: row.method,
          url,
          // A distinct address per cell: flood control is about people, not this matrix.
          remoteAddress: `10.9.${cell % 250}.${i + 1}`,
          headers: who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` },
          ...(row.body ? { payload: row.body(who) } : {}),
        });
        got.push(res.statusCode);
        // Every answer is described by the OpenAPI document and matches its schema.
        expect(check(row.method, url, res.statusCode, res.body)).toBeUndefined();
        if (res.statusCode >= 400)
          expect(JSON.parse(res.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
      expect(got).toEqual([...row.expect]);
    });
  }
});
