import type { Container } from '../../src/container.js';

/** Runs queued jobs until none is due (mail jobs queue further mail jobs), at most ten rounds of 50. */
export async function drainJobs(container: Pick<Container, 'jobs'>): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const report = await container.jobs.runDue(50);
    if (report.done + report.retried + report.failed === 0) return;
  }
}
