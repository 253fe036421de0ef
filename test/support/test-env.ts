/**
 * What the test environment provides. Tests read these here, not from `process.env` directly,
 * so every optional dependency is named in one place.
 */
export const testEnv = Object.freeze({
  /** PostgreSQL server for the second run of every database suite; unset skips it (loudly). */
  postgresUrl: process.env.TEST_DATABASE_URL?.trim() || undefined,
  /** Redis for the Redis event relay's tests; unset skips them (loudly). */
  redisUrl: process.env.TEST_REDIS_URL?.trim() || undefined,
  /** Chromium for browser tests. */
  chromiumPath: process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
  /**
   * Browser tests refresh the committed screenshots in docs/screenshots only when asked
   * (`UPDATE_SCREENSHOTS=1`); otherwise they write them under the ignored test-results/.
   */
  updateScreenshots: process.env.UPDATE_SCREENSHOTS === '1',
});

/**
 * Configuration every test server needs, in-process or spawned: load shedding by event-loop delay
 * off, since on a shared, busy test machine it sheds the tests' own requests (503s seen in CI). A
 * spawned `--workers 2` server on one SQLite file is the sharpest case: better-sqlite3 is
 * synchronous, so a worker waiting (busy_timeout) for the write lock the other holds blocks its
 * event loop. test/web/load-shedding.test.ts and test/hostile/overload.test.ts cover shedding itself.
 */
export const TEST_SERVER_ENV = Object.freeze({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0' });

/**
 * The environment for a child process the tests start (a real server, the CLI): the test's own
 * (PATH and friends) without the settings a test must choose for itself.
 */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'SITE_URL',
    'SITE_SECRET',
    'SITE_SECRET_FILE',
    'SECRET_KEY',
    'SECRET_KEY_FILE',
    'IP_RETENTION_DAYS',
    'HOST',
    'PORT',
    'SCHEDULER_INTERVAL_MS',
    'NODE_OPTIONS',
  ])
    delete env[name];
  return { ...env, ...overrides };
}
