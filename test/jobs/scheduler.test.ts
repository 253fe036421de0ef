import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/modules/jobs/index.js';
import { captureLogs } from '../support/log-capture.js';
import { waitFor } from '../support/wait-for.js';

describe('the scheduler', () => {
  it('runs every task each tick, keeps going past a failing one, and honours everyMs', async () => {
    let now = 0;
    const runs: string[] = [];
    const { logger, lines } = captureLogs();
    const scheduler = new Scheduler({
      intervalMs: 1000,
      nowMs: () => now,
      tasks: [
        { name: 'fails', run: async () => Promise.reject(new Error('database away')) },
        { name: 'often', run: async () => runs.push('often') },
        { name: 'hourly', everyMs: 3600_000, run: async () => runs.push('hourly') },
      ],
      logger,
    });
    await scheduler.tick();
    now += 1000;
    await scheduler.tick();
    now += 3600_000;
    await scheduler.tick();
    expect(runs).toEqual(['often', 'hourly', 'often', 'often', 'hourly']);
    // Each failure reaches the one logger as an error, with the task and the cause.
    expect(lines.map((l) => [l.level, l.task, l.err?.message])).toEqual(Array(3).fill([50, 'fails', 'database away']));
  });

  it('ticks on its own once started, never overlapping, and stop() waits for the tick in progress', async () => {
    let active = 0;
    let maxActive = 0;
    let ticks = 0;
    let finished = 0;
    const scheduler = new Scheduler({
      intervalMs: 50,
      logger: captureLogs().logger,
      tasks: [
        {
          name: 'slow',
          run: async () => {
            active += 1;
            maxActive = Math.max(maxActive, active);
            ticks += 1;
            // Longer than the interval: a timer-driven loop that overlapped would show it here.
            await new Promise((resolve) => setTimeout(resolve, 80));
            active -= 1;
            finished += 1;
          },
        },
      ],
    });
    scheduler.start();
    await waitFor(() => ticks >= 3, { timeoutMs: 5000 });
    await scheduler.stop();
    expect(maxActive).toBe(1);
    expect(finished).toBe(ticks);
  });
});
