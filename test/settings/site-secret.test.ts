import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { emailFingerprint } from '../../src/lib/keyed-hash.js';
import { checkSiteSecret } from '../../src/site-setup.js';
import type { Storage } from '../../src/storage/db.js';
import { testDatabases } from '../support/databases.js';
import { makeArticle, replyFields, sender } from '../support/factories.js';

const OLD_SECRET = 'an-old-site-secret-kept-in-the-settings-table';

describe.each(testDatabases)('the site secret on $name', (database) => {
  let storage: Storage;
  let dir: string;
  let keyFile: string;
  const containers: Container[] = [];
  beforeEach(async () => {
    storage = await database.open();
    dir = mkdtempSync(join(tmpdir(), 'gazette-secret-'));
    keyFile = join(dir, 'site-secret.key');
  });
  afterEach(async () => {
    for (const c of containers.splice(0)) await c.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A process of the site: its own container on the shared database, its key file in `dir`. */
  function start(env: Record<string, string> = {}): Container {
    const config: Config = { ...loadConfig({ SITE_URL: 'http://gazette.test', LOG_LEVEL: 'silent', ...env }), siteKeyFile: keyFile };
    // The database outlives each "process": closing a container leaves it open for the next.
    const container = createContainer(config, {
      storage: { ...storage, close: async () => {} },
      clock: new ManualClock(new Date('2026-01-05T10:00:00Z')),
    });
    containers.push(container);
    return container;
  }

  async function settingKeys(): Promise<string[]> {
    return (await storage.db.selectFrom('settings').select('key').orderBy('key').execute()).map((r) => r.key);
  }

  it('moves an old site’s secret from the database to a 0600 key file, and its email fingerprints stay identical', async () => {
    await storage.db
      .insertInto('settings')
      .values({ key: 'site_secret', value: JSON.stringify(OLD_SECRET) })
      .execute();
    const site = start();
    await checkSiteSecret(site);

    expect(readFileSync(keyFile, 'utf8').trim()).toBe(OLD_SECRET);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const keys = await settingKeys();
    expect(keys).toContain('site_secret_check');
    expect(keys).not.toContain('site_secret');
    expect(JSON.stringify(await storage.db.selectFrom('settings').select('value').execute())).not.toContain(OLD_SECRET);

    // A reply posted now matches what the old site made of the same address.
    const article = await makeArticle(site);
    const reply = await site.replies.post(replyFields({ articleId: article.id, email: 'Ada+news@Example.org' }), sender());
    const row = await storage.db.selectFrom('replies').select('author_email_hash').where('id', '=', reply.id).executeTakeFirstOrThrow();
    expect(row.author_email_hash).toBe(emailFingerprint(OLD_SECRET, 'ada@example.org'));

    // After a restart the key file alone carries it.
    expect(await start().settings.siteSecret()).toBe(OLD_SECRET);
  });

  it('gives a fresh site a new key file (0600) and keeps the secret itself out of the database', async () => {
    const site = start();
    await checkSiteSecret(site);
    const secret = await site.settings.siteSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(secret);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // Beside it only the email key's id (issue 13), never a key either.
    expect(await settingKeys()).toEqual(['email_key_id', 'site_secret_check']);
    expect(JSON.stringify(await storage.db.selectFrom('settings').selectAll().execute())).not.toContain(secret);
    expect(await start().settings.siteSecret()).toBe(secret);
  });

  it('takes SITE_SECRET from the configuration without writing a key file', async () => {
    const secret = 'a-configured-secret-for-every-node-0123456789';
    expect(await start({ SITE_SECRET: secret }).settings.siteSecret()).toBe(secret);
    expect(() => statSync(keyFile)).toThrow(/ENOENT/);
  });

  it('refuses to start with a configured secret that is not the one the fingerprints were made with', async () => {
    await checkSiteSecret(start({ SITE_SECRET: 'the-first-secret-this-site-ever-used-0123' }));
    const refused = await checkSiteSecret(start({ SITE_SECRET: 'a-different-secret-typed-on-a-new-node-01' })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(
      /site secret from SITE_SECRET is not the one this site’?'?s email fingerprints were made with/,
    );
  });

  it('refuses a key file that differs from the old secret still in the database, and leaves that secret in place', async () => {
    await storage.db
      .insertInto('settings')
      .values({ key: 'site_secret', value: JSON.stringify(OLD_SECRET) })
      .execute();
    writeFileSync(keyFile, 'a-key-file-from-some-other-site-0123456789\n', { mode: 0o600 });
    const refused = await checkSiteSecret(start()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toContain(`the key file ${keyFile}`);
    expect(await settingKeys()).toContain('site_secret');
  });
});
