import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import type { JobStatus } from './jobs.js';
import { describeFailure, retryDelayMs, type EnqueueOptions, type JobHandler, type JobPayload } from './jobs.js';
import * as q from './jobs.queries.js';

/** What one `runDue()` call did. */
export interface RunReport {
  /** Jobs whose handler resolved. */
  done: number;
  /** Jobs whose handler threw and that will be tried again. */
  retried: number;
  /** Jobs that used their last attempt (or have no handler here) and failed for good. */
  failed: number;
}

/**
 * The durable job queue. Enqueue anywhere (inside a caller's transaction, so the job exists
 * exactly when the thing that caused it does); every node's scheduler calls `runDue()`, and each
 * job runs once however many nodes do.
 */
export interface JobQueue {
  /** Registers the handler for jobs named `name` (once per name, at wiring time). */
  handle<P extends JobPayload>(name: string, handler: JobHandler<P>): void;
  /**
   * Queues a job; returns its id, or undefined when `uniqueKey` was already queued. Pass the
   * caller's transaction as `executor` to commit the job together with what caused it.
   */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions, executor?: Transaction<Database>): Promise<number | undefined>;
  /** Claims and runs due jobs (at most `limit`), concurrently. */
  runDue(limit?: number): Promise<RunReport>;
  /** Deletes jobs that finished before `before`. */
  purgeFinished(before: Date): Promise<number>;
  /** How many jobs are in each status (for operators and tests). */
  counts(): Promise<Record<JobStatus, number>>;
  /** When the pending jobs enqueued with these unique keys run next (retries included), by key; others are absent. */
  nextRunAt(uniqueKeys: readonly string[]): Promise<Map<string, Date>>;
}

/** What the queue needs. */
export interface JobQueueDeps {
  db: Kysely<Database>;
  caps: Pick<Capabilities, 'claimForUpdate'>;
  clock: Clock;
  /** How long a claimed job stays ours before another node may take it over (default 5 min). */
  leaseMs?: number;
  /** Where failed runs are reported: a warning while retries remain, an error when it gives up. */
  logger: Pick<Logger, 'warn' | 'error'>;
}

/** The job queue over the `jobs` table. */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const { db, caps, clock } = deps;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const handlers = new Map<string, JobHandler>();
  // Each claim gets its own token, so only the run that holds a job can finish it.
  const nodeToken = randomUUID();
  let claims = 0;

  async function runOne(job: q.ClaimedJobRow, claim: string): Promise<'done' | 'retried' | 'failed'> {
    const handler = handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for jobs named "${job.name}" on this node`);
      await handler(JSON.parse(job.payload) as JobPayload, { jobId: job.id, attempt: job.attempts });
    } catch (error) {
      const final = job.attempts >= job.max_attempts;
      const facts = { err: error, jobId: job.id, job: job.name, attempt: job.attempts };
      if (final) deps.logger.error(facts, `job ${job.id} (${job.name}) failed on attempt ${job.attempts}, giving up`);
      else deps.logger.warn(facts, `job ${job.id} (${job.name}) failed on attempt ${job.attempts}, will retry`);
      const now = clock.now();
      await q.finishRun(db, job.id, claim, {
        status: final ? 'failed' : 'pending',
        nowIso: now.toISOString(),
        runAtIso: new Date(now.getTime() + retryDelayMs(job.attempts)).toISOString(),
        error: describeFailure(error),
      });
      return final ? 'failed' : 'retried';
    }
    await q.finishRun(db, job.id, claim, { status: 'done', nowIso: clock.now().toISOString() });
    return 'done';
  }

  return {
    handle(name, handler) {
      if (handlers.has(name)) throw new Error(`a handler for jobs named "${name}" is already registered`);
      handlers.set(name, handler as JobHandler);
    },

    async enqueue(name, payload, options = {}, executor) {
      const maxAttempts = options.maxAttempts ?? 5;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number above 0');
      const now = clock.now();
      return q.insertJob(executor ?? db, {
        name,
        payload: JSON.stringify(payload),
        run_at: (options.runAt ?? now).toISOString(),
        max_attempts: maxAttempts,
        unique_key: options.uniqueKey ?? null,
        created_at: now.toISOString(),
      });
    },

    async runDue(limit = 10) {
      const now = clock.now();
      const claim = `${nodeToken}:${++claims}`;
      const jobs = await q.claimDue(db, caps, {
        by: claim,
        nowIso: now.toISOString(),
        leaseUntilIso: new Date(now.getTime() + leaseMs).toISOString(),
        limit,
      });
      const report: RunReport = { done: 0, retried: 0, failed: 0 };
      for (const outcome of await Promise.all(jobs.map((job) => runOne(job, claim)))) report[outcome] += 1;
      return report;
    },

    async purgeFinished(before) {
      return q.deleteFinished(db, before.toISOString());
    },

    async counts() {
      return q.countByStatus(db);
    },

    async nextRunAt(uniqueKeys) {
      const due = await q.pendingRunAtByKey(db, uniqueKeys);
      return new Map([...due].map(([key, at]) => [key, new Date(at)]));
    },
  };
}
