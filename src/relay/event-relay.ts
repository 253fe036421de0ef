import { randomUUID } from 'node:crypto';
import type { DomainEvent, DomainEvents } from '../lib/events.js';
import type { Logger } from '../lib/logger.js';
import { SendTracker } from './send-tracker.js';

/**
 * Carries text messages to every other Gazette process of the same site (and, for the
 * transports that echo, back to this one: the bridge drops its own). One implementation per
 * transport: PostgreSQL LISTEN/NOTIFY, Redis pub/sub, SQLite's change counter, or none.
 */
export interface EventRelay {
  /** Which transport this is, for logs and the start-up line. */
  readonly kind: 'none' | 'postgres' | 'redis' | 'sqlite';
  /** Sends a message to the other processes; rejects when the transport is away. */
  send(message: string): Promise<void>;
  /** Starts delivering messages from other processes to `onMessage`, and gaps to `onUnseenChanges`. */
  listen(handlers: RelayHandlers): Promise<void>;
  /** For transports that are asked rather than told (SQLite): look now, before serving from a cache. */
  poll?(): void;
  /** Stops listening and lets go of connections. */
  close(): Promise<void>;
}

/** What a relay calls back into. */
export interface RelayHandlers {
  onMessage(message: string): void;
  /** Something changed elsewhere that no message described (a reconnection after a gap, a foreign commit). */
  onUnseenChanges(): void;
  onError(error: unknown, context: string): void;
}

/** A relay for a lone process: nothing to tell anyone. */
export const noRelay: EventRelay = {
  kind: 'none',
  async send() {},
  async listen() {},
  async close() {},
};

/** The envelope on the wire: which process sent it, and the event. */
interface Envelope {
  v: 1;
  from: string;
  event: DomainEvent;
}

/** Event types that travel between processes; anything else (or anything unknown) stays local. */
const relayed = new Set<DomainEvent['type']>([
  'reply.posted',
  'reply.status-changed',
  'article.changed',
  'settings.changed',
  'site.imported',
]);

function parseEnvelope(message: string): Envelope | undefined {
  try {
    const value = JSON.parse(message) as Partial<Envelope>;
    if (value?.v !== 1 || typeof value.from !== 'string' || typeof value.event?.type !== 'string') return undefined;
    // A newer node may send types this one does not know yet (a rolling upgrade): ignore them.
    return relayed.has(value.event.type) ? (value as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

/** A running bridge between the local bus and a relay. */
export interface EventBridge {
  /** This process's id on the wire. */
  readonly nodeId: string;
  /** Starts listening for other processes' events (again: a no-op). */
  start(): Promise<void>;
  /** Lets a polled transport look for other processes' changes now; cheap, synchronous. */
  poll(): void;
  /** Detaches from the bus, waits for events still being sent, and closes the relay. */
  close(): Promise<void>;
}

/**
 * Connects the local bus to a relay both ways without echo loops: local events go out stamped
 * with this process's id; incoming ones from others are published locally and, being marked as
 * inbound, not sent out again; our own, echoed back by PostgreSQL or Redis, are dropped.
 */
export function bridgeEvents(events: DomainEvents, relay: EventRelay, logger: Pick<Logger, 'error'>): EventBridge {
  const nodeId = randomUUID();
  // The transports say what they were doing; the bridge writes it to the one log.
  const onError: RelayHandlers['onError'] = (error, context) =>
    logger.error({ err: error, relay: relay.kind }, `event relay: ${context} failed`);
  const inbound = new WeakSet<DomainEvent>();
  const sends = new SendTracker();
  const unsubscribe = events.subscribe((event) => {
    if (inbound.has(event) || !relayed.has(event.type)) return;
    const message = JSON.stringify({ v: 1, from: nodeId, event } satisfies Envelope);
    // Lost while the transport is away; the other nodes' caches catch up on reconnect or expiry.
    sends.track(
      () => relay.send(message),
      (error) => onError(error, 'sending an event to the other nodes'),
    );
  });
  let started: Promise<void> | undefined;
  return {
    nodeId,
    start: () =>
      (started ??= relay.listen({
        onMessage(message) {
          const envelope = parseEnvelope(message);
          if (!envelope || envelope.from === nodeId) return;
          inbound.add(envelope.event);
          events.publish(envelope.event);
        },
        onUnseenChanges() {
          events.publish({ type: 'changes.unseen' });
        },
        onError,
      })),
    poll() {
      relay.poll?.();
    },
    async close() {
      unsubscribe();
      await sends.drain();
      await relay.close();
    },
  };
}
