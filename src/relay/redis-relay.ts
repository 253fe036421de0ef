import type { createClient } from 'redis';
import type { EventRelay } from './event-relay.js';

/** Where the Redis relay talks. */
export interface RedisRelayOptions {
  url: string;
  /** The pub/sub channel; one per site (see `relayChannel`). */
  channel: string;
}

/**
 * Redis pub/sub, for sites that run Redis anyway or that run several SQLite workers on one
 * machine. node-redis reconnects by itself (and resubscribes); each reconnection after the first
 * is reported as a gap, since pub/sub does not keep what was sent while we were away.
 */
export function createRedisRelay(options: RedisRelayOptions): EventRelay {
  const { url, channel } = options;
  const reconnectStrategy = (retries: number) => Math.min(5000, 100 * 2 ** retries);
  let publisher: RedisClient | undefined;
  let subscriber: RedisClient | undefined;
  let publisherReady: Promise<unknown> | undefined;
  let publisherErrors: ((error: unknown) => void) | undefined;
  async function publisherClient(): Promise<RedisClient> {
    const { createClient } = await loadRedis();
    // Fail a publish at once while Redis is away, rather than queueing it behind an open-ended wait.
    publisher ??= createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } }).on('error', (error) =>
      publisherErrors?.(error),
    );
    return publisher;
  }

  return {
    kind: 'redis',
    async send(message) {
      const publisher = await publisherClient();
      publisherReady ??= publisher.connect();
      // connect() keeps retrying while Redis is down; a send gives up after a while instead.
      await withTimeout(publisherReady, 2000, 'Redis did not answer within 2 s');
      await publisher.publish(channel, message);
    },
    async listen(handlers) {
      publisherErrors = (error) => handlers.onError(error, 'publishing to Redis');
      const { createClient } = await loadRedis();
      const sub = createClient({ url, socket: { reconnectStrategy } });
      subscriber = sub;
      let readyBefore = false;
      sub.on('error', (error) => handlers.onError(error, 'listening to Redis'));
      sub.on('ready', () => {
        if (readyBefore) handlers.onUnseenChanges();
        readyBefore = true;
      });
      await sub.connect();
      await sub.subscribe(channel, (message) => handlers.onMessage(message));
    },
    async close() {
      const sub = subscriber;
      subscriber = undefined;
      await Promise.all([shut(sub), shut(publisher)]);
    },
  };
}

type RedisClient = ReturnType<typeof createClient>;

/** node-redis (some 600 files) loads when a relay first talks to Redis, not in every process that could. */
let redis: Promise<typeof import('redis')> | undefined;
function loadRedis(): Promise<typeof import('redis')> {
  redis ??= import('redis');
  return redis;
}

/** Closes politely when connected, at once when still trying to connect (a polite close would wait). */
async function shut(client: RedisClient | undefined): Promise<void> {
  if (!client?.isOpen) return;
  if (client.isReady) await client.close().catch(() => client.destroy());
  else client.destroy();
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
