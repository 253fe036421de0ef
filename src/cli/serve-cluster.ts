import cluster, { type Worker } from 'node:cluster';
import { loadConfigOrExit } from '../config.js';
import { createContainer } from '../container.js';
import { prepareSite } from '../site-setup.js';

/** A worker that dies sooner than this after starting counts as crash-looping (restarts slow down). */
const HEALTHY_AFTER_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long shutdown waits for workers to finish their requests before killing them. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * The primary of `gazette serve --workers N`: prepares the database once (migrate, demo article),
 * then forks N workers that each run the ordinary server on the shared port (Node's cluster hands
 * connections round-robin) and restarts any worker that dies. It serves nothing itself.
 *
 * Invalidation between workers needs nothing here: each worker's event relay reaches the others
 * (PostgreSQL LISTEN/NOTIFY, Redis, or SQLite's change counter on the shared file).
 */
export async function runClusterPrimary(workers: number): Promise<void> {
  // Once, here: N workers readying an empty site at the same moment would each print a setup link.
  const container = createContainer(loadConfigOrExit());
  // The primary's own log: the container's logger outlives its database connections.
  const { logger } = container;
  try {
    await prepareSite(container);
  } finally {
    await container.close();
  }

  let stopping = false;
  const startedAt = new Map<Worker, number>();
  let restartDelay = 500;

  const fork = () => startedAt.set(cluster.fork(), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    restartDelay = lived > HEALTHY_AFTER_MS ? 500 : Math.min(MAX_RESTART_DELAY_MS, restartDelay * 2);
    logger.error(
      { pid: worker.process.pid, code, signal, restartDelayMs: restartDelay },
      `worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${restartDelay} ms`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelay);
  });
  for (let i = 0; i < workers; i++) fork();
  logger.info({ workers }, `primary ${process.pid} started ${workers} workers`);

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = [...startedAt.keys()];
    if (alive.length === 0) process.exit(0);
    const killer = setTimeout(() => {
      for (const w of alive) w.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS);
    cluster.on('exit', () => {
      if (startedAt.size === 0) {
        clearTimeout(killer);
        process.exit(0);
      }
    });
    // Each worker shuts down as `gazette serve` does: stops accepting, finishes, closes the pool.
    for (const w of alive) w.process.kill(signal);
  };
  process.once('SIGINT', () => shutdown('SIGTERM'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
