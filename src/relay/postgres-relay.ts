import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { EventRelay, RelayHandlers } from './event-relay.js';

/** Where and how the PostgreSQL relay talks. */
export interface PostgresRelayOptions {
  /** Connection string of the site's database (the dedicated listening client connects here). */
  url: string;
  /** The NOTIFY channel; one per site (see `relayChannel`). */
  channel: string;
  /** The site's pool: notifications go out through it, so sending needs no extra connection. */
  db: Kysely<any>;
  /** Reconnect backoff bounds for the listening client. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** At most this many events in one NOTIFY statement. */
const MAX_MESSAGES_PER_STATEMENT = 200;

/**
 * An event longer than this goes in a statement of its own: PostgreSQL refuses a payload over 8,000
 * bytes, failing the statement, and one event too long must not take the others' with it.
 */
const SHARED_PAYLOAD_BYTES = 4000;

/**
 * LISTEN/NOTIFY: the database every node already shares carries the events, so several nodes
 * need nothing more than PostgreSQL. NOTIFY is delivered only after the sender's transaction
 * commits and is scoped to one database, so the channel names the schema to keep sites apart.
 *
 * LISTEN needs a session that stays open, so one dedicated client (not from the pool) listens;
 * when it drops it reconnects with exponential backoff, and reports the gap (notifications sent
 * meanwhile are not queued for us).
 */
export function createPostgresRelay(options: PostgresRelayOptions): EventRelay {
  const { url, channel, db } = options;
  const minDelay = options.minDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 5000;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = minDelay;
  let closed = false;
  let connectedBefore = false;

  async function connect(handlers: RelayHandlers): Promise<void> {
    if (closed) return;
    // pg loads with the first connection: a SQLite site's processes never load it.
    const { default: driver } = await import('pg');
    if (closed) return;
    const c = new driver.Client({ connectionString: url, keepAlive: true });
    // Socket errors come here first, then 'end'; without a listener they would crash the process.
    c.on('error', (error) => handlers.onError(error, 'listening for other nodes'));
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload) handlers.onMessage(n.payload);
    });
    c.on('end', () => {
      if (client !== c) return;
      client = undefined;
      retry(handlers);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
    } catch (error) {
      handlers.onError(error, 'connecting the listener for other nodes');
      c.end().catch(() => {});
      retry(handlers);
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    delay = minDelay;
    if (connectedBefore) handlers.onUnseenChanges();
    connectedBefore = true;
  }

  function retry(handlers: RelayHandlers): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect(handlers);
    }, delay);
    timer.unref();
    delay = Math.min(maxDelay, delay * 2);
  }

  /** The messages waiting to go out in the next statement, and when that statement is done. */
  let waiting: { messages: string[]; sent: Promise<void> } | undefined;
  /** The statement sent last: the next waits for it, so events arrive in the order they were sent. */
  let previous: Promise<unknown> = Promise.resolve();

  /**
   * One statement for all the events sent while the previous one was on its way, and at least
   * those of one turn of the event loop (a batch of reply posts sends one each), instead of a
   * round trip per event: NOTIFY for each message in order. PostgreSQL delivers one transaction's
   * notifications in the order sent, and identical ones (same node, same event) once: harmless,
   * as every relayed event says what changed, not how often.
   */
  function send(message: string): Promise<void> {
    const alone = Buffer.byteLength(message) > SHARED_PAYLOAD_BYTES;
    if (alone || !waiting || waiting.messages.length >= MAX_MESSAGES_PER_STATEMENT) {
      const batch: { messages: string[]; sent: Promise<void> } = { messages: [], sent: Promise.resolve() };
      batch.sent = previous
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(async () => {
          if (waiting === batch) waiting = undefined;
          await sql`select pg_notify(${channel}, message) from unnest(${batch.messages}::text[]) as message`.execute(db);
        });
      previous = batch.sent.catch(() => undefined);
      waiting = batch;
    }
    const batch = waiting;
    batch.messages.push(message);
    if (alone) waiting = undefined;
    return batch.sent;
  }

  return {
    kind: 'postgres',
    send,
    listen: connect,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
