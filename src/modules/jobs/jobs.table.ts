import type { Generated } from 'kysely';
import type { JobStatus } from './jobs.js';

/** A durable background job (see this module's CONTEXT.md); composed into storage/schema.ts. */
export interface JobsTable {
  id: Generated<number>;
  /** Which handler runs it, e.g. `mail.reply-notification`. */
  name: string;
  /** The handler's input, as JSON text. */
  payload: string;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  /** Not before this time (ISO); moved forward by the retry backoff. */
  run_at: string;
  /** The claim that holds it while running, and until when (a lease; expired leases are reclaimed). */
  locked_by: string | null;
  locked_until: string | null;
  last_error: Generated<string>;
  /** Enqueueing twice with the same key makes one job. */
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}
