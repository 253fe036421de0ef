/** Where a job is in its life. */
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A job's input: anything JSON can carry. */
export type JobPayload = null | boolean | number | string | JobPayload[] | { [key: string]: JobPayload };

/** What a handler is told about the run it is doing. */
export interface JobContext {
  readonly jobId: number;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
}

/**
 * Does one job. Resolving marks it done; throwing schedules a retry (or, after the last attempt,
 * marks it failed). Should finish well within the lease, and be safe to repeat when its effect
 * cannot be undone halfway: a node that dies mid-job leaves it to be run again once the lease ends.
 */
export type JobHandler<P extends JobPayload = JobPayload> = (payload: P, context: JobContext) => Promise<void>;

/** How to enqueue a job. */
export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Enqueueing again with a key already queued (in any status) adds nothing. */
  uniqueKey?: string;
  /** Runs at most this many times (default 5). */
  maxAttempts?: number;
}

/** Retry delay after the `attempt`-th failed run: 5 s, 10 s, 20 s, … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, 5000 * 2 ** Math.max(0, attempt - 1));
}

/** A failure message short enough to store. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
