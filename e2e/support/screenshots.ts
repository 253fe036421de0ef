import { join } from 'node:path';
import { testEnv } from '../../test/support/test-env.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * Where browser tests save their screenshots: the ignored test-results/screenshots on every run,
 * docs/screenshots (committed, shown in the README) only when refreshed on purpose with
 * `UPDATE_SCREENSHOTS=1 npm run test:e2e`, so a test run never rewrites tracked files.
 */
export function screenshotDir(): string {
  return testEnv.updateScreenshots ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
}
