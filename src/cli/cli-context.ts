import { ConfigError, exitOnConfigError, loadConfigOrExit } from '../config.js';
import { createContainer, type Container, type ContainerOptions } from '../container.js';
import { checkSiteSecret, migrateSite } from '../site-setup.js';
import { describeStartUpError } from '../start-up-errors.js';

/**
 * Runs `work` with a container on the configured database (migrated first, its site secret found
 * and checked), then closes it. The secret is found before any work: a mismatch stops the command
 * before it writes, and a long transaction (an import) never waits on a second connection for it.
 */
export async function withContainer<T>(work: (container: Container) => Promise<T>, options: ContainerOptions = {}): Promise<T> {
  const container = createContainer(loadConfigOrExit(), options);
  try {
    await migrateSite(container);
    await checkSiteSecret(container);
    return await work(container);
  } finally {
    await container.close();
  }
}

/** Prints a message for the person at the terminal and exits with status 2 (usage) or `code`. */
export function fail(message: string, code = 2): never {
  console.error(`gazette: ${message}`);
  process.exit(code);
}

/**
 * The last word on a command that threw: one line saying what went wrong and how to fix it (a port
 * in use, a database that is not there), not a stack trace. A configuration problem (including a
 * site secret that does not match) exits 2, anything else 1.
 */
export function reportFailure(error: unknown): never {
  if (error instanceof ConfigError) return exitOnConfigError(error);
  return fail(describeStartUpError(error), 1);
}
