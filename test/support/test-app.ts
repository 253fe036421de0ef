import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createMarkdownRenderer, publishDemoArticleIfEmpty, type MarkdownRenderer } from '../../src/modules/articles/index.js';
import type { Storage } from '../../src/storage/db.js';
import type { TestDatabase } from './databases.js';
import { TEST_SERVER_ENV } from './test-env.js';

/** A container on a fresh database, with a clock the test moves. */
export interface TestContext {
  container: Container;
  clock: ManualClock;
  storage: Storage;
  close(): Promise<void>;
}

/**
 * One Markdown pool for every app of a test file: a worker thread takes a moment to start, and
 * most tests publish the demo article. Idle threads do not keep the process alive.
 */
let sharedMarkdown: MarkdownRenderer | undefined;

/** The site secret every test app is configured with (so a test can sign what the site signs). */
export const TEST_SITE_SECRET = 'gazette-test-site-secret-0123456789abcdef';
/** The key that seals commenter emails in test apps (so none writes a key file into ./data). */
export const TEST_SECRET_KEY = 'gazette-test-email-key-0123456789abcdefgh';

/** Configuration every test app needs (see test-env.ts). */
export const IN_PROCESS_ENV = TEST_SERVER_ENV;

/** When a test app's clock starts, unless the test says otherwise. */
export const TEST_START = new Date('2026-01-05T10:00:00Z');

/** The configuration tests run with (a fixed site secret and email key, no log), plus `env`. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    SITE_URL: 'http://gazette.test',
    LOG_LEVEL: 'silent',
    // Configured, so no test writes a key file into the work tree's data/.
    SITE_SECRET: TEST_SITE_SECRET,
    SECRET_KEY: TEST_SECRET_KEY,
    ...IN_PROCESS_ENV,
    ...env,
  });
}

/** Opens a fresh database and wires a container on it; `now` sets the clock, `env` adds configuration. */
export async function createTestContext(
  database: TestDatabase,
  now = TEST_START,
  options: { markdown?: MarkdownRenderer; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const storage = await database.open();
  const clock = new ManualClock(now);
  // Uploaded images go to a scratch folder, never into the work tree's data/.
  const config = testConfig({ UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`), ...options.env });
  const markdown = options.markdown ?? (sharedMarkdown ??= createMarkdownRenderer());
  const container = createContainer(config, { storage, clock, markdown });
  return { container, clock, storage, close: () => container.close() };
}

/** A test context plus the web app built on it (requests go through `app.inject()`), with the demo article. */
export async function createTestApp(
  database: TestDatabase,
  now?: Date,
  env?: Record<string, string>,
): Promise<TestContext & { app: FastifyInstance }> {
  const ctx = await createTestContext(database, now, env ? { env } : {});
  await publishDemoArticleIfEmpty(ctx.container);
  const app = await buildApp(ctx.container, { logger: false });
  return {
    ...ctx,
    app,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

/** What `useTestApp` hands a suite: the current test's app, container and clock. */
export type TestApp = TestContext & { app: FastifyInstance };

/**
 * Gives every test of the enclosing `describe` a fresh app on a fresh database (the demo article
 * published) and closes it afterwards. Read the handles inside tests: they change per test.
 */
export function useTestApp(database: TestDatabase): TestApp {
  const current = {} as TestApp;
  beforeEach(async () => {
    Object.assign(current, await createTestApp(database));
  });
  afterEach(async () => {
    await current.close();
  });
  return current;
}
