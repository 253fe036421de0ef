import { ConfigError, loadConfig } from '../config.js';
import { createContainer, type Container } from '../container.js';
import { migrateToLatest } from '../storage/db.js';

/** Runs `work` with a container on the configured database (migrated first), then closes it. */
export async function withContainer<T>(work: (container: Container) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const container = createContainer(config);
  try {
    await migrateToLatest(container.storage);
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
