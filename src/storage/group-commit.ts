import type { Kysely, Transaction } from 'kysely';
import { shareBatchReads } from './batch-reads.js';
import type { Database } from './schema.js';

/**
 * Many small writes, one transaction, one commit (one fsync). A durable commit costs milliseconds
 * of waiting for the disk while the writes themselves cost microseconds, so writes that arrive
 * while a commit is under way wait and then share the next one. Each write still runs on its own:
 * inside a savepoint, so a write that fails (a rule refuses it, a constraint trips) is undone
 * alone and its caller gets its error, while the others of its batch go on. Nobody's promise
 * settles before the batch's commit has returned: a resolved write is on disk.
 */
export interface GroupCommit {
  /** Runs `work` in the next shared transaction; resolves with its result once that transaction has committed. */
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Announces a write that is still reading what it needs (outside any transaction) before it
   * calls `run`. A batch about to start waits (briefly, `maxWaitMs` at most) for the writes
   * announced before it was ready, so they share its commit instead of each taking the next one
   * alone: on SQLite their reads queue on the one connection behind the batch's transaction, so
   * otherwise every batch would start with the first of them and carry just that one.
   */
  arrive(): Arrival;
  /** Waits for every write handed in so far to settle (closing the database waits for this first). */
  idle(): Promise<void>;
}

/** A write on its way (see `GroupCommit.arrive`): it runs, or leaves (it was refused before writing). */
export interface Arrival {
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** Says this write will not come (idempotent; harmless after `run`). */
  leave(): void;
}

/** How big a batch may grow and how many run at once. */
export interface GroupCommitOptions {
  /** The most writes in one transaction, so one batch never holds the write lock for long. */
  maxBatch?: number;
  /**
   * How many batches may be in their transaction at once. SQLite has one writer (more would only
   * queue on its one connection, with smaller batches); PostgreSQL runs several connections, and its
   * own commits share WAL flushes.
   */
  concurrency?: number;
  /** The longest a ready batch waits for announced writes still reading (default 20 ms). */
  maxWaitMs?: number;
  /** Told of each committed batch: how many writes it carried (succeeded or refused) and how long it took. */
  observe?: (batch: { size: number; ms: number }) => void;
}

interface Pending {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A group commit over `db`. */
export function createGroupCommit(db: Kysely<Database>, options: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 256;
  const concurrency = options.concurrency ?? 1;
  const maxWaitMs = options.maxWaitMs ?? 20;
  const queue: Pending[] = [];
  let running = 0;
  let idleWaiters: (() => void)[] = [];
  /** Writes announced and not yet queued (or gone), by number, in the order they came. */
  const arriving = new Set<number>();
  let lastArrival = 0;
  /** While a batch is ready but waits: the last arrival it waits for, and the timer that ends the wait. */
  let waitFor: { upTo: number; timer: NodeJS.Timeout } | undefined;

  function waitingForEarlier(): boolean {
    if (!waitFor) return false;
    for (const id of arriving) {
      if (id > waitFor.upTo) break;
      return true;
    }
    return false;
  }

  async function runBatch(batch: Pending[]): Promise<Outcome[]> {
    const started = performance.now();
    const trx = await db.startTransaction().execute();
    const outcomes: Outcome[] = [];
    // What the batch's writes read once between them (batch-reads.ts), gone with the batch.
    const sharedReads = new Map<string, Promise<unknown>>();
    try {
      for (const item of batch) {
        // One savepoint name serves all: each is released or rolled back before the next begins.
        const inner = await trx.savepoint('one_write').execute();
        shareBatchReads(inner, sharedReads);
        try {
          const value = await item.work(inner);
          await inner.releaseSavepoint('one_write').execute();
          outcomes.push({ ok: true, value });
        } catch (error) {
          // Undoes this write only; if even that fails, the connection is gone and the batch with it.
          await inner.rollbackToSavepoint('one_write').execute();
          await inner.releaseSavepoint('one_write').execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
      options.observe?.({ size: batch.length, ms: performance.now() - started });
      return outcomes;
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  function pump(): void {
    while (running < concurrency && queue.length > 0) {
      if (!waitFor && arriving.size > 0) {
        waitFor = { upTo: lastArrival, timer: setTimeout(() => ((waitFor = undefined), pump()), maxWaitMs) };
      }
      if (waitingForEarlier()) return;
      if (waitFor) clearTimeout(waitFor.timer);
      waitFor = undefined;
      const batch = queue.splice(0, maxBatch);
      running += 1;
      void runBatch(batch)
        .then(
          (outcomes) => outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error))),
          // Nothing of the batch was committed: every caller hears the error.
          (error: unknown) => batch.forEach((item) => item.reject(error)),
        )
        .finally(() => {
          running -= 1;
          pump();
          if (running === 0 && queue.length === 0) {
            const waiters = idleWaiters;
            idleWaiters = [];
            waiters.forEach((w) => w());
          }
        });
    }
  }

  let pumpScheduled = false;
  /**
   * Starts batches after the current turn of the event loop: SQLite's driver answers reads
   * synchronously, so the requests whose reads were waiting for the connection finish them within
   * this turn and join the batch, instead of each starting one of its own.
   */
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedulePump();
    });
  }

  return {
    run,
    arrive() {
      const id = ++lastArrival;
      arriving.add(id);
      const leave = () => {
        if (arriving.delete(id)) pump();
      };
      return {
        run<T>(work: (trx: Transaction<Database>) => Promise<T>) {
          arriving.delete(id);
          return run(work);
        },
        leave,
      };
    },
    idle() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
