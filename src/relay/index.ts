import { createHash } from 'node:crypto';
import type { Storage } from '../storage/db.js';
import { noRelay, type EventRelay } from './event-relay.js';
import { createPostgresRelay } from './postgres-relay.js';
import { createRedisRelay } from './redis-relay.js';
import { createSqliteChangeRelay } from './sqlite-relay.js';

export { bridgeEvents, noRelay, type EventBridge, type EventRelay, type RelayHandlers } from './event-relay.js';
export { createSqliteChangeRelay } from './sqlite-relay.js';
export { createPostgresRelay } from './postgres-relay.js';
export { createRedisRelay } from './redis-relay.js';

/**
 * The channel a site's events travel on. PostgreSQL scopes NOTIFY to one database, so the schema
 * is enough to tell sites apart there; Redis is shared more widely, so its channel also names
 * the database (file, or database name) the site lives in.
 */
export function relayChannel(target: Storage['target'], transport: 'postgres' | 'redis'): string {
  if (target.dialect === 'sqlite') return `gazette:events:sqlite:${target.file}`;
  const schema = target.schema ?? 'public';
  if (transport === 'postgres') {
    const name = `gazette_events_${schema}`;
    // Channel names are identifiers: at most 63 bytes.
    return name.length <= 63 ? name : `gazette_events_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
  }
  const database = decodeURIComponent(new URL(target.url).pathname.replace(/^\//, '')) || 'postgres';
  return `gazette:events:postgres:${database}:${schema}`;
}

/**
 * Picks how this process's events reach the other processes of the site: Redis when configured;
 * otherwise the database itself: PostgreSQL's notifications, or SQLite's change counter (which
 * also covers `serve --workers N` and the CLI, all on one machine); otherwise nobody needs telling.
 */
export function chooseEventRelay(options: { redisUrl?: string; storage: Storage }): EventRelay {
  const { redisUrl, storage } = options;
  if (redisUrl) return createRedisRelay({ url: redisUrl, channel: relayChannel(storage.target, 'redis') });
  if (storage.caps.notifications && storage.target.dialect === 'postgres') {
    return createPostgresRelay({ url: storage.target.url, channel: relayChannel(storage.target, 'postgres'), db: storage.db });
  }
  if (storage.dataVersion) return createSqliteChangeRelay(storage.dataVersion);
  return noRelay;
}
