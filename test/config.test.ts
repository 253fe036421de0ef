import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 and ./data/gazette.db', () => {
    const config = loadConfig({}, '/srv/site');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/site/data/gazette.db' });
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
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY must be true or false/);
  });
});
