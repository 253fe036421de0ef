import { Conflict } from '../lib/errors.js';
import type { Capabilities } from './capabilities.js';

/** A unique key a writer's transaction may collide on, and what to tell the person when it does. */
export interface UniqueKey {
  table: string;
  column: string;
  /** The input field the conflict belongs to (the form shows the message next to it). */
  field: string;
  message: string;
}

/**
 * Runs a writer's transaction and turns a unique violation on one of `keys` into a `Conflict` on
 * its field: the check-then-insert a writer does cannot see a row another transaction has not
 * committed yet, so two writers racing for one key meet at the index. A violation of any other
 * key stays what it is (a bug to see, not a message to invent).
 */
export async function conflictOnUniqueViolation<T>(
  caps: Pick<Capabilities, 'violatedUniqueKey'>,
  keys: readonly UniqueKey[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violated = caps.violatedUniqueKey(error);
    const key = violated && keys.find((k) => k.table === violated.table && violated.columns.join() === k.column);
    if (key) throw new Conflict(key.message, key.field);
    throw error;
  }
}
