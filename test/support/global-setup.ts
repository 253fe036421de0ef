import { existsSync } from 'node:fs';
import { testEnv } from './test-env.js';

/** Says loudly, once per run, which real parts are missing and so which tests are skipped. */
export default function setup(): void {
  // Vitest calls this once per project; the banner is worth reading once.
  const seen = globalThis as { gazetteBannerShown?: boolean };
  if (seen.gazetteBannerShown) return;
  seen.gazetteBannerShown = true;
  const banner = (text: string) => console.warn(`\n${'!'.repeat(78)}\n!! ${text}\n${'!'.repeat(78)}\n`);
  if (!testEnv.postgresUrl) {
    banner('TEST_DATABASE_URL is not set: the database suites run on SQLite only, PostgreSQL is SKIPPED.');
  } else {
    console.log(`database suites run on SQLite and on PostgreSQL (${testEnv.postgresUrl.replace(/\/\/[^@]*@/, '//***@')})`);
  }
  if (!testEnv.redisUrl) banner('TEST_REDIS_URL is not set: the Redis event relay tests are SKIPPED.');
  if (!existsSync(testEnv.chromiumPath)) {
    banner(`No Chromium at ${testEnv.chromiumPath} (set CHROMIUM_PATH): browser tests are SKIPPED.`);
  }
}
