import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/*
 * Reads the writes of one group-commit batch share (group-commit.ts). Every reader's post needs
 * the discussion rules, the spam filter's latest lessons, the newsroom's names and whether any
 * webhook listens: each a statement, and together a good part of a post's cost (issue 12's
 * profile). Read inside the batch's transaction, once for the batch, they are as fresh for every
 * post in it as a read of their own would be — each post arrived before the batch began — and
 * nothing is cached past its commit, so no other process's change can be missed.
 *
 * Only for what the batch's own writes never change (a reply post writes none of these). Outside a
 * batch — a plain transaction, an import, the desk — each call simply reads.
 */

const batches = new WeakMap<Transaction<Database>, Map<string, Promise<unknown>>>();

/** Makes `trx` (one write's savepoint inside a batch) share the batch's reads in `shared`. */
export function shareBatchReads(trx: Transaction<Database>, shared: Map<string, Promise<unknown>>): void {
  batches.set(trx, shared);
}

/**
 * `load()`, or what it gave an earlier write of the same batch under `key`. A failed read is not
 * kept, so the next write of the batch tries again.
 */
export function readOncePerBatch<V>(trx: Transaction<Database>, key: string, load: () => Promise<V>): Promise<V> {
  const shared = batches.get(trx);
  if (!shared) return load();
  let read = shared.get(key) as Promise<V> | undefined;
  if (!read) {
    read = load();
    shared.set(key, read);
    read.catch(() => shared.delete(key));
  }
  return read;
}
