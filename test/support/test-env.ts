/**
 * What the test environment provides. Tests read these here, not from `process.env` directly,
 * so every optional dependency is named in one place.
 */
export const testEnv = Object.freeze({
  /** PostgreSQL server for the second run of every database suite; unset skips it (loudly). */
  postgresUrl: process.env.TEST_DATABASE_URL?.trim() || undefined,
  /** Chromium for browser tests. */
  chromiumPath: process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
});
