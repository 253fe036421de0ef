import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config.js';
import { createStorage } from '../src/storage/db.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 and ./data/gazette.db', () => {
    const config = loadConfig({}, '/srv/site');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    // Only the default data directory may be made on first start; a typed path must already have its folder.
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/site/data/gazette.db', createFolder: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads a SQLite path with or without file:, and a postgres URL', () => {
    expect(parseDatabaseUrl('file:./x.db', '/a')).toEqual({ dialect: 'sqlite', file: '/a/x.db' });
    expect(parseDatabaseUrl('/abs/y.db', '/a')).toEqual({ dialect: 'sqlite', file: '/abs/y.db' });
    expect(parseDatabaseUrl('postgres://u@127.0.0.1/db', '/a')).toEqual({ dialect: 'postgres', url: 'postgres://u@127.0.0.1/db' });
  });

  it('fails fast with a clear message on a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be a whole number from 0 to 65535, not "eighty"'));
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/SQLite file path or a postgres:\/\/ URL/);
  });

  it('sizes SQLite’s page cache from SQLITE_CACHE_MB (16 MB when unset), and refuses a bad size or a PostgreSQL site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-cache-size-'));
    try {
      const cacheOf = async (env: Record<string, string>) => {
        const storage = createStorage(loadConfig({ DATABASE_URL: join(dir, 'site.db'), ...env }).database);
        try {
          const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(storage.db);
          return rows[0]!.cache_size;
        } finally {
          await storage.close();
        }
      };
      // A negative cache_size is KiB.
      expect(await cacheOf({})).toBe(-16_384);
      expect(await cacheOf({ SQLITE_CACHE_MB: '64' })).toBe(-65_536);
      expect(await cacheOf({ SQLITE_CACHE_MB: ' 2 ' })).toBe(-2_048);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const value of ['0', '65537', 'lots', '1.5', '-8'])
      expect(() => loadConfig({ SQLITE_CACHE_MB: value }), value).toThrow(
        `SQLITE_CACHE_MB must be a whole number of megabytes from 1 to 65536, not "${value}"`,
      );
    expect(() => loadConfig({ SQLITE_CACHE_MB: '64', DATABASE_URL: 'postgres://u@127.0.0.1/db' })).toThrow(
      /SQLITE_CACHE_MB is for a SQLite database/,
    );
  });

  it('waits 20 s for a mail server by default, takes 1 to 600 s, and refuses anything else', () => {
    expect(loadConfig({}).smtpTimeoutMs).toBe(20_000);
    expect(loadConfig({ SMTP_TIMEOUT_SECONDS: '5' }).smtpTimeoutMs).toBe(5_000);
    for (const value of ['0', '601', 'soon', '1.5'])
      expect(() => loadConfig({ SMTP_TIMEOUT_SECONDS: value }), value).toThrow(
        `SMTP_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600, not "${value}"`,
      );
  });
});

describe('TRUST_PROXY', () => {
  const trust = (value: string | undefined) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;

  it('trusts no proxy by default or when switched off', () => {
    for (const value of [undefined, '', 'false', 'FALSE', '0', 'no', 'off']) expect(trust(value)).toBe(false);
  });

  it('reads true as exactly one proxy hop, never "every hop"', () => {
    for (const value of ['true', 'TRUE', 'yes', 'on', '1']) expect(trust(value)).toBe(1);
  });

  it('reads a hop count', () => {
    expect(trust('2')).toBe(2);
    expect(trust(' 3 ')).toBe(3);
  });

  it('reads a list of proxy addresses, networks and proxy-addr names', () => {
    expect(trust('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(trust('127.0.0.1, 10.0.0.0/8,fd00::/8 , ::1,loopback,uniquelocal')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      '::1',
      'loopback',
      'uniquelocal',
    ]);
    expect(Object.isFrozen(trust('10.0.0.5'))).toBe(true);
  });

  it('refuses anything else with what to write instead', () => {
    const message =
      /TRUST_PROXY must be false, true \(one proxy\), a number of proxy hops, or a comma-separated list of proxy addresses or networks/;
    for (const value of [
      'maybe',
      '-1',
      '1.5',
      '11',
      '999',
      '10.0.0.0/33',
      '10.0.0.256',
      'fd00::/129',
      'example.org',
      '10.0.0.1,,10.0.0.2',
      '*',
      '10.0.0.0/8/8',
    ]) {
      expect(() => trust(value), value).toThrow(ConfigError);
      expect(() => trust(value), value).toThrow(message);
    }
    expect(() => trust('10.0.0.0/33')).toThrow(/"10.0.0.0\/33" is not/);
  });

  it('reads the load-shedding limits, 0 turning a check off', () => {
    const defaults = loadConfig({}).overload;
    expect(defaults.maxEventLoopDelayMs).toBe(500);
    expect(defaults.maxRssBytes).toBe(0);
    expect(defaults.retryAfterSeconds).toBe(5);
    expect(defaults.maxHeapUsedBytes).toBeGreaterThan(0);
    const set = loadConfig({
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      OVERLOAD_MAX_HEAP_MB: '512',
      OVERLOAD_MAX_RSS_MB: '1024',
      OVERLOAD_RETRY_AFTER_S: '30',
    }).overload;
    expect(set).toEqual({
      maxEventLoopDelayMs: 0,
      maxHeapUsedBytes: 512 * 1024 * 1024,
      maxRssBytes: 1024 * 1024 * 1024,
      retryAfterSeconds: 30,
    });
    expect(() => loadConfig({ OVERLOAD_MAX_HEAP_MB: 'lots' })).toThrow(
      new ConfigError('OVERLOAD_MAX_HEAP_MB must be a whole number of megabytes from 0 (off) to 1000000, not "lots"'),
    );
  });
});

describe('the site secret and the log level', () => {
  const good = 'a-configured-site-secret-0123456789abcdef';

  it('keeps the key file in the data directory: the SQLite file’s folder, or ./data on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: '/var/lib/gazette/site.db' }, '/srv').siteKeyFile).toBe('/var/lib/gazette/site-secret.key');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/news' }, '/srv').siteKeyFile).toBe('/srv/data/site-secret.key');
    expect(loadConfig({}, '/srv').siteSecret).toBeUndefined();
  });

  it('takes SITE_SECRET, or SITE_SECRET_FILE’s contents, but not both, and not a short one', () => {
    expect(loadConfig({ SITE_SECRET: ` ${good} ` }).siteSecret).toBe(good);
    const dir = mkdtempSync(join(tmpdir(), 'gazette-config-'));
    try {
      writeFileSync(join(dir, 'secret'), `${good}\n`);
      expect(loadConfig({ SITE_SECRET_FILE: 'secret' }, dir).siteSecret).toBe(good);
      expect(() => loadConfig({ SITE_SECRET_FILE: 'missing' }, dir)).toThrow(/SITE_SECRET_FILE could not be read \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => loadConfig({ SITE_SECRET: good, SITE_SECRET_FILE: '/run/secrets/gazette' })).toThrow(
      new ConfigError('Set SITE_SECRET or SITE_SECRET_FILE, not both'),
    );
    expect(() => loadConfig({ SITE_SECRET: 'short' })).toThrow(/SITE_SECRET must hold at least 32 characters/);
  });

  it('defaults LOG_LEVEL to info and refuses a level pino does not know', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"/,
    );
  });
});
