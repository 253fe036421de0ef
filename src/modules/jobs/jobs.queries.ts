import type { Capabilities } from '../../storage/capabilities.js';
import { compiledStatement } from '../../storage/compiled-statements.js';
import type { Executor } from '../../storage/db.js';
import type { JobStatus } from './jobs.js';

/** Inserts a job; with a unique key already taken, inserts nothing. Returns the new id, if any. */
export async function insertJob(db: Executor, row: NewJob): Promise<number | undefined> {
  return (await jobInsert.first(db, row))?.id;
}

/** A job as it is queued. */
type NewJob = { name: string; payload: string; run_at: string; max_attempts: number; unique_key: string | null; created_at: string };

// Queued inside many writes (a reader's post queues the moderators' mail): compiled once (compiled-statements.ts).
const jobInsert = compiledStatement((db, p: NewJob) =>
  db
    .insertInto('jobs')
    .values({
      name: p.name,
      payload: p.payload,
      run_at: p.run_at,
      max_attempts: p.max_attempts,
      unique_key: p.unique_key,
      created_at: p.created_at,
      status: 'pending',
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id'),
);

/** A claimed job, as its runner needs it. */
export interface ClaimedJobRow {
  id: number;
  name: string;
  payload: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
}

/**
 * Claims up to `limit` due jobs for `claim` until `leaseUntilIso`, in one statement: pending jobs
 * whose time has come, and running ones whose lease ran out (their node died). On PostgreSQL the
 * candidate rows are locked with `FOR UPDATE SKIP LOCKED` (`Capabilities.claimForUpdate`), so
 * concurrent claimers take disjoint sets without waiting for each other. SQLite has no row locks and needs none: an UPDATE takes the
 * database's single write lock before it reads, so two claimers simply take turns.
 */
export async function claimDue(
  db: Executor,
  caps: Pick<Capabilities, 'claimForUpdate'>,
  claim: { by: string; nowIso: string; leaseUntilIso: string; limit: number },
): Promise<ClaimedJobRow[]> {
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: claim.by,
      locked_until: claim.leaseUntilIso,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      caps.claimForUpdate(
        eb
          .selectFrom('jobs')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('status', '=', 'pending'), w('run_at', '<=', claim.nowIso)]),
              w.and([w('status', '=', 'running'), w('locked_until', '<', claim.nowIso)]),
            ]),
          )
          .orderBy('run_at')
          .orderBy('id')
          .limit(claim.limit),
      ),
    )
    .returning(['id', 'name', 'payload', 'attempts', 'max_attempts', 'locked_by'])
    .execute();
  return rows;
}

/**
 * Ends a run held by `claim`: done, failed, or back to pending at `runAtIso`. Only the holder of
 * the claim may do so (a run that outlived its lease finds the job taken and changes nothing).
 * Returns whether it did.
 */
export async function finishRun(
  db: Executor,
  id: number,
  claim: string,
  outcome: { status: Extract<JobStatus, 'done' | 'failed' | 'pending'>; nowIso: string; runAtIso?: string; error?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      locked_by: null,
      locked_until: null,
      ...(outcome.status === 'pending' ? { run_at: outcome.runAtIso ?? outcome.nowIso } : { finished_at: outcome.nowIso }),
      ...(outcome.error !== undefined ? { last_error: outcome.error } : {}),
    })
    .where('id', '=', id)
    .where('locked_by', '=', claim)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes finished jobs (done or failed) that finished before `beforeIso`; returns how many. */
export async function deleteFinished(db: Executor, beforeIso: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', beforeIso)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A job's row, for tests and the CLI. */
export function findJob(db: Executor, id: number) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many jobs are in each status. */
export async function countByStatus(db: Executor): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** When each pending job with one of these unique keys runs next, by key. */
export async function pendingRunAtByKey(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('jobs')
    .select(['unique_key', 'run_at'])
    .where('unique_key', 'in', keys)
    .where('status', '=', 'pending')
    .execute();
  return new Map(rows.map((r) => [r.unique_key!, r.run_at]));
}
