import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createEmailCipher, EmailKeyMismatch, isSealed } from '../../src/lib/email-cipher.js';
import { prepareSite } from '../../src/site-setup.js';
import { up as sealStoredEmails } from '../../src/storage/migrations/035-seal-commenter-emails.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../support/test-app.js';

describe('the email cipher', () => {
  const cipher = createEmailCipher(TEST_SECRET_KEY);

  it('seals an address so that only the same key opens it, and never the same way twice', () => {
    const sealed = cipher.seal('ada@example.org');
    expect(sealed).not.toContain('ada');
    expect(isSealed(sealed)).toBe(true);
    expect(cipher.seal('ada@example.org')).not.toBe(sealed);
    expect(cipher.open(sealed)).toBe('ada@example.org');
    expect(() => createEmailCipher('another-key-entirely-0123456789abcdefgh').open(sealed)).toThrow(EmailKeyMismatch);
  });

  it('never uses a nonce twice, over many seals (nonces are drawn in bulk)', () => {
    const nonces = new Set<string>();
    for (let k = 0; k < 1000; k++) {
      const sealed = cipher.seal('ada@example.org');
      nonces.add(Buffer.from(sealed.split(':')[2]!, 'base64url').subarray(0, 12).toString('hex'));
      expect(cipher.open(sealed)).toBe('ada@example.org');
    }
    expect(nonces.size).toBe(1000);
  });

  it('refuses a value whose ciphertext was tampered with', () => {
    const sealed = cipher.seal('ada@example.org');
    // One bit of the ciphertext's last byte flipped in the decoded bytes: editing the text's last
    // characters could leave the bytes as they were (their low bits are padding), 1 run in 60 or so.
    const at = sealed.lastIndexOf(':') + 1;
    const bytes = Buffer.from(sealed.slice(at), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = sealed.slice(0, at) + bytes.toString('base64url');
    expect(tampered).not.toBe(sealed);
    expect(() => cipher.open(tampered)).toThrow(EmailKeyMismatch);
  });

  it('leaves "no email" as it is', () => {
    expect(cipher.seal('')).toBe('');
    expect(cipher.open('')).toBe('');
  });
});

describe.each(testDatabases)('commenter emails at rest ($name)', (database) => {
  let site: TestContext;
  afterAll(async () => site?.close());

  it('stores a reply’s email sealed, matches the sender by hash, and reads it back for mail', async () => {
    site = await createTestContext(database);
    const article = await makeArticle(site.container);
    const reply = await site.container.replies.post(replyFields({ articleId: article.id, email: 'Hana.Sealed@example.org' }), sender());
    const row = await site.storage.db.selectFrom('replies').select(['author_email']).where('id', '=', reply.id).executeTakeFirstOrThrow();
    expect(row.author_email).not.toMatch(/hana/i);
    expect(isSealed(row.author_email)).toBe(true);
    expect(await site.container.replies.authorEmail(reply.id)).toBe('Hana.Sealed@example.org');
    expect(await site.container.replies.authorEmail(999_999)).toBeUndefined();
    // The desk finds the sender by their address without any plain text to search.
    const found = await site.container.desk.list({ search: 'hana.sealed@example.org' });
    expect(found.map((r) => [r.id, r.authorEmail])).toEqual([[reply.id, 'Hana.Sealed@example.org']]);
    // The approved queue searches through the full-text index, and still finds a whole address.
    await site.container.desk.moderate([reply.id], 'approve', '', { id: null, name: 'Test moderator' });
    const approved = await site.container.desk.list({ status: 'approved', search: 'hana.sealed@example.org' });
    expect(approved.map((r) => r.id)).toEqual([reply.id]);
  });

  it('seals, in migration 035, the addresses stored in plain text before, and leaves sealed ones alone', async () => {
    const db = site.storage.db;
    const article = await makeArticle(site.container);
    const at = site.clock.now().toISOString();
    const plain = {
      article_id: article.id,
      parent_id: null,
      author_name: 'Old',
      author_email_hash: 'h',
      author_url: '',
      status: 'approved' as const,
      created_at: at,
      ip: '',
      user_agent: '',
    };
    const cipher = await site.container.settings.emailCipher();
    const already = cipher.seal('sealed@example.org');
    const ids = [];
    for (const [email, body] of [
      ['old.plain@example.org', 'one'],
      ['', 'two'],
      [already, 'three'],
    ] as const) {
      ids.push(
        Number(
          (
            await db
              .insertInto('replies')
              .values({ ...plain, author_email: email, body })
              .executeTakeFirstOrThrow()
          ).insertId ?? 0,
        ),
      );
    }
    await sealStoredEmails(db, undefined, { sealEmail: async () => cipher.seal });
    const rows = await db
      .selectFrom('replies')
      .select(['body', 'author_email'])
      .where('article_id', '=', article.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.body)).toEqual(['one', 'two', 'three']);
    expect(cipher.open(rows[0]!.author_email)).toBe('old.plain@example.org');
    expect(rows[0]!.author_email).not.toContain('old.plain');
    expect(rows[1]!.author_email).toBe('');
    expect(rows[2]!.author_email).toBe(already);
  });
});

describe('starting with a missing or different email key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-email-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: join(dir, 'gazette.db'),
    LOG_LEVEL: 'silent',
    UPLOADS_DIR: join(dir, 'uploads'),
    SITE_SECRET: 'the-secret-this-site-has-always-used-0123',
  };

  async function start(extra: Record<string, string> = {}): Promise<void> {
    const site = createContainer(loadConfig({ ...env, ...extra }));
    try {
      await prepareSite(site);
    } finally {
      await site.close();
    }
  }

  it('makes an owner-only key file on first start and starts again with it', async () => {
    await start();
    const keyFile = join(dir, 'secret.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    await expect(start()).resolves.toBeUndefined();
  });

  it('refuses a different key, saying which and what to do', async () => {
    await expect(start({ SECRET_KEY: 'a-new-node-with-a-key-of-its-own-0123456789' })).rejects.toThrow(ConfigError);
    await expect(start({ SECRET_KEY: 'a-new-node-with-a-key-of-its-own-0123456789' })).rejects.toThrow(
      /the key from SECRET_KEY is not the one this site's commenter emails were encrypted with/,
    );
  });

  it('refuses to start when the key file is gone rather than make a new key', async () => {
    rmSync(join(dir, 'secret.key'));
    await expect(start()).rejects.toThrow(/the key that encrypts this site's commenter emails is missing/);
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });
});
