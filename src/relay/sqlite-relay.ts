import type { EventRelay, RelayHandlers } from './event-relay.js';

/**
 * For SQLite, where every process of a site shares one file on one machine (`serve --workers N`,
 * the `gazette` CLI beside a server): the database file is the message. SQLite's `data_version`
 * changes whenever another connection commits, so before a cached page is served the page cache
 * calls `poll()`; a change anywhere else drops what this process cached. No message is sent and
 * nothing can be missed, and a CLI approval is seen by the very next request (the fast path's hits
 * in one event-loop turn share a look: page-cache-fast-path.ts `oncePerTurn`). The price is
 * coarseness: any write by another process (a held reply too) clears the cache, which on one
 * machine's worth of traffic is cheap.
 */
export function createSqliteChangeRelay(dataVersion: () => number): EventRelay {
  let handlers: RelayHandlers | undefined;
  let seen: number | undefined;
  return {
    kind: 'sqlite',
    async send() {
      // The commit that caused the event is itself what the other processes notice.
    },
    async listen(h) {
      handlers = h;
      seen = dataVersion();
    },
    poll() {
      if (!handlers) return;
      let now: number;
      try {
        now = dataVersion();
      } catch (error) {
        handlers.onError(error, 'reading the database version');
        return;
      }
      if (now !== seen) {
        seen = now;
        handlers.onUnseenChanges();
      }
    },
    async close() {
      handlers = undefined;
    },
  };
}
