import { describe, expect, it } from 'vitest';
import { DomainEvents } from '../../src/lib/events.js';
import { bridgeEvents, type EventRelay, type RelayHandlers } from '../../src/relay/index.js';
import { captureLogs } from '../support/log-capture.js';

/** A transport that is away: every send is refused, and listening reports a lost connection. */
function brokenTransport(): EventRelay {
  return {
    kind: 'redis',
    send: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6399'), { code: 'ECONNREFUSED' })),
    async listen(handlers: RelayHandlers) {
      handlers.onError(new Error('Connection is closed.'), 'listening to Redis');
    },
    async close() {},
  };
}

describe('the event relay and the logger', () => {
  it('writes a failed send and a lost listener to the one logger as errors, with their cause', async () => {
    const { logger, lines } = captureLogs();
    const events = new DomainEvents();
    const bridge = bridgeEvents(events, brokenTransport(), logger);
    await bridge.start();
    events.publish({ type: 'article.changed', articleId: 7 });
    // close() waits for the sends still under way, so the failure has been reported by then.
    await bridge.close();
    expect(lines.map((l) => ({ level: l.level, relay: l.relay, msg: l.msg, error: l.err?.message }))).toEqual([
      { level: 50, relay: 'redis', msg: 'event relay: listening to Redis failed', error: 'Connection is closed.' },
      {
        level: 50,
        relay: 'redis',
        msg: 'event relay: sending an event to the other nodes failed',
        error: 'connect ECONNREFUSED 127.0.0.1:6399',
      },
    ]);
    expect(lines[1]!.err?.code).toBe('ECONNREFUSED');
  });
});
