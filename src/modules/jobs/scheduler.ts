import type { Logger } from '../../lib/logger.js';

/** One piece of recurring background work. */
export interface ScheduledTask {
  readonly name: string;
  /** Runs at most this often (default: every tick). */
  readonly everyMs?: number;
  run(): Promise<unknown>;
}

/** What the scheduler needs. */
export interface SchedulerOptions {
  intervalMs: number;
  tasks: readonly ScheduledTask[];
  /** Monotonic milliseconds, for `everyMs` (injected so tests can drive it). */
  nowMs?: () => number;
  /** Where a task that threw is reported; the loop carries on (the database may be away for a moment). */
  logger: Pick<Logger, 'error'>;
}

/**
 * Each node's loop for background work: every `intervalMs` it runs its tasks one after another.
 * Ticks never overlap (the next is timed from the end of the last), and `stop()` waits for the
 * tick in progress, so shutdown never cuts a task in half. Running on every node is safe because
 * each task is exactly-once by itself (see `publishDue`, the job queue's claims).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly lastRun = new Map<string, number>();
  private readonly nowMs: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.nowMs = options.nowMs ?? (() => performance.now());
  }

  /** Starts ticking (the first tick comes after one interval). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops ticking and waits for the tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every task that is due once now; tests call this instead of waiting for the timer. */
  async tick(): Promise<void> {
    const now = this.nowMs();
    for (const task of this.options.tasks) {
      const last = this.lastRun.get(task.name);
      if (task.everyMs !== undefined && last !== undefined && now - last < task.everyMs) continue;
      this.lastRun.set(task.name, now);
      try {
        await task.run();
      } catch (error) {
        this.options.logger.error({ err: error, task: task.name }, `background task "${task.name}" failed`);
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.options.intervalMs);
    // Background work alone must not keep a process alive.
    this.timer.unref();
  }
}
