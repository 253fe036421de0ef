import type { FastifyInstance } from 'fastify';
import { isRowId } from '../../../lib/row-id.js';

/** How many of a reader's own held replies the token keeps (the newest). */
const MAX_PENDING = 20;

/**
 * The reader's own held replies on embedded threads, as a signed token the embedding page keeps
 * in its own storage and sends back (issue 15): a third-party cookie would be blocked by browsers,
 * and a token the page holds is state the reader's browser keeps for that site only. Signed with
 * the cookie key, so a page cannot list other people's held replies.
 */
export function readPending(app: FastifyInstance, token: string | undefined): number[] {
  if (!token) return [];
  const unsigned = app.unsignCookie(token);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value.split('.').map(Number).filter(isRowId);
}

/** The token with this reply added. */
export function addPending(app: FastifyInstance, token: string | undefined, id: number): string {
  const ids = [...readPending(app, token).filter((n) => n !== id), id].slice(-MAX_PENDING);
  return app.signCookie(ids.join('.'));
}
