import { createHmac } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { emailFingerprint } from '../../src/lib/keyed-hash.js';
import { textFingerprint } from '../../src/lib/reader-text.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { createStorage } from '../../src/storage/db.js';
import { migrationsFor } from '../../src/storage/migrations/index.js';
import { testDatabases } from '../support/databases.js';
import { useTestApp, type TestApp } from '../support/test-app.js';

const slug = demoArticle.slug!;
const apiUrl = `/api/articles/${slug}/replies`;
let nextIp = 1;

function postJson(site: TestApp, body: Record<string, unknown>, ip = `192.0.2.${nextIp++ % 250}`) {
  return site.app.inject({
    method: 'POST',
    url: apiUrl,
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

async function storedCount(site: TestApp): Promise<number> {
  const row = await site.storage.db
    .selectFrom('replies')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/*
 * Finding 15 of issue 7: duplicates were compared byte for byte (case, inner spaces, a zero-width
 * space or a +tag email got past), and `comment_parent: 1e20` silently posted at the top level.
 */
describe.each(testDatabases)('duplicates and parents, on $name', (database) => {
  const site = useTestApp(database);
  const original = { comment: 'The alliance is stronger than ever.', author: 'Hana', email: 'hana@example.org', url: '' };

  it('refuses as a duplicate the same words disguised by case, spacing, zero-width or full-width characters, or a +tag', async () => {
    await site.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    expect((await postJson(site, original)).statusCode).toBe(201);
    const disguises = [
      { ...original, comment: 'THE ALLIANCE IS STRONGER THAN EVER.' },
      { ...original, comment: 'The  alliance is\n\nstronger   than ever.' },
      { ...original, comment: 'The alli\u200bance is stronger than\u00a0ever.' },
      { ...original, comment: 'Ｔｈｅ alliance is stronger than ever．' },
      { ...original, email: 'Hana+again@Example.org' },
      { ...original, author: 'Hana K.' },
    ];
    for (const body of disguises) {
      const response = await postJson(site, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'conflict', field: 'comment' });
    }
    expect(await storedCount(site)).toBe(1);
    // Different words are a different reply.
    expect((await postJson(site, { ...original, comment: 'The alliance is stronger than before.' })).statusCode).toBe(201);
  });

  it('counts a +tag address as the same sender for flood control', async () => {
    expect((await postJson(site, original, '192.0.2.201')).statusCode).toBe(201);
    const tagged = await postJson(site, { ...original, comment: 'Another thought entirely.', email: 'hana+2@example.org' }, '192.0.2.202');
    expect(tagged.statusCode).toBe(429);
  });

  it.each([
    ['a number too large to be an id', 1e20],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a number in exponent notation', '1e20'],
    ['digits with letters', '12abc'],
  ])('refuses comment_parent as %s with a 422 naming the field, storing nothing', async (_, value) => {
    const response = await postJson(site, { ...original, comment_parent: value });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'invalid', field: 'comment_parent' });
    expect(response.json().error.message).toContain('not a valid comment number');
    expect(await storedCount(site)).toBe(0);
  });

  it('takes an empty, 0 or "0" comment_parent as an answer to the article', async () => {
    await site.container.discussion.update({ floodIntervalSeconds: 0 }, { kind: 'system', id: null, name: 'test setup' });
    for (const [i, value] of (['', 0, '0'] as const).entries()) {
      const response = await postJson(site, { ...original, comment: `Top level ${i}.`, comment_parent: value });
      expect(response.statusCode).toBe(201);
      expect(response.json().reply.parentId).toBeNull();
    }
  });
});

describe('migrating existing replies to normalised sender and text fingerprints (SQLite)', () => {
  it('rewrites +tag email hashes and fills the text fingerprints, so old replies still match new ones', async () => {
    const storage = createStorage({ dialect: 'sqlite', file: ':memory:' });
    try {
      const migrator = new Migrator({ db: storage.db, provider: { getMigrations: async () => migrationsFor(storage.caps) } });
      expect((await migrator.migrateTo('011-reply-lookup-indexes')).error).toBeUndefined();
      const db = storage.db as unknown as Kysely<any>;
      const secret = 'a-site-secret';
      // The previous release's hash: the trimmed, lower-cased address.
      const oldHash = (email: string) => createHmac('sha256', secret).update(email.trim().toLowerCase()).digest('hex');
      await db
        .insertInto('settings')
        .values({ key: 'site_secret', value: JSON.stringify(secret) })
        .execute();
      const at = '2026-01-01T00:00:00.000Z';
      await db.insertInto('authors').values({ id: 1, slug: 'w', display_name: 'W', bio: '', created_at: at }).execute();
      await db.insertInto('sections').values({ id: 1, slug: 'world', name: 'World', position: 0 }).execute();
      await db
        .insertInto('articles')
        .values({
          id: 1,
          slug: 'a',
          headline: 'A',
          dek: '',
          body_markdown: '',
          body_html: '',
          author_id: 1,
          section_id: 1,
          status: 'published',
          published_at: at,
          created_at: at,
          updated_at: at,
          replies_open: 1,
        })
        .execute();
      const row = (id: number, email: string, body: string) => ({
        id,
        article_id: 1,
        parent_id: null,
        author_name: 'Hana',
        author_email: email,
        author_email_hash: oldHash(email),
        author_url: '',
        body,
        status: 'approved',
        created_at: at,
        ip: '',
        user_agent: '',
      });
      await db
        .insertInto('replies')
        .values([row(1, 'Hana+news@example.org', 'First WORDS.'), row(2, 'hana@example.org', 'Second.')])
        .execute();

      expect((await migrator.migrateTo('012-reply-sender-fingerprints')).error).toBeUndefined();
      const rows = await db.selectFrom('replies').select(['id', 'author_email_hash', 'body_fingerprint']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 1, author_email_hash: emailFingerprint(secret, 'hana@example.org'), body_fingerprint: textFingerprint('first words.') },
        { id: 2, author_email_hash: oldHash('hana@example.org'), body_fingerprint: textFingerprint('Second.') },
      ]);
    } finally {
      await storage.close();
    }
  });
});

it('hashes an address with a +tag, capitals or spaces as the bare address', () => {
  expect(emailFingerprint('s', ' Ada+news@Example.ORG ')).toBe(emailFingerprint('s', 'ada@example.org'));
  expect(emailFingerprint('s', 'ada@example.org')).not.toBe(emailFingerprint('s', 'ada2@example.org'));
  expect(textFingerprint('Hello,  WORLD\u200b')).toBe(textFingerprint('hello, world'));
});
