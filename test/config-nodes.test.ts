import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config.js';

describe('configuration for several nodes', () => {
  it('takes the PostgreSQL schema from ?schema= and keeps it out of the URL handed to pg', () => {
    expect(parseDatabaseUrl('postgres://u:p@127.0.0.1:5432/news?schema=site_a&sslmode=disable', '/a')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u:p@127.0.0.1:5432/news?sslmode=disable',
      schema: 'site_a',
    });
    expect(parseDatabaseUrl('postgres://u@127.0.0.1/news', '/a')).not.toHaveProperty('schema');
  });

  it('refuses a schema that is not a plain SQL name', () => {
    expect(() => parseDatabaseUrl('postgres://u@127.0.0.1/news?schema=a;drop', '/a')).toThrow(ConfigError);
    expect(() => parseDatabaseUrl('postgres://u@127.0.0.1/news?schema=', '/a')).toThrow(/plain SQL name/);
  });

  it('reads REDIS_URL and SCHEDULER_INTERVAL_MS, with defaults', () => {
    const plain = loadConfig({}, '/srv');
    expect(plain.redisUrl).toBeUndefined();
    expect(plain.schedulerIntervalMs).toBe(1000);
    const tuned = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0', SCHEDULER_INTERVAL_MS: '250' }, '/srv');
    expect(tuned.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(tuned.schedulerIntervalMs).toBe(250);
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => loadConfig({ SCHEDULER_INTERVAL_MS: '10' })).toThrow(/SCHEDULER_INTERVAL_MS/);
  });
});
