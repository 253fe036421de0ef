import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { publishDemoArticleIfEmpty } from '../../src/modules/articles/index.js';
import { demoArticle } from '../../src/modules/articles/demo-article.js';
import { MIN_SECONDS_TO_POST } from '../../src/modules/moderation/index.js';
import { createStorage, migrateToLatest } from '../../src/storage/db.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, IN_PROCESS_ENV } from '../../test/support/test-app.js';

/** A real Gazette server on 127.0.0.1 and a random port, with the demo article published. */
export interface RunningSite {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  baseUrl: string;
  /** The address the site believes it lives at (`SITE_URL`), used in canonical links and feeds. */
  siteUrl: string;
  container: Container;
  clock: ManualClock;
  app: FastifyInstance;
  /**
   * Moves the site's clock past the flood interval (15 s by default). Every browser posts from
   * 127.0.0.1, so without this a second reply inside one test would be refused as "too fast".
   */
  passFloodInterval(): void;
  /**
   * Moves the site's clock past the least time a person takes to fill the reply form (issue 10),
   * between opening the page and posting: without it a post reads as a bot's and is held.
   */
  passMinimumFillTime(): void;
  close(): Promise<void>;
}

/** The demo article's address, the page most tests read and answer. */
export const demoSlug = demoArticle.slug!;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Starts the site. By default on a fresh in-memory SQLite database (test/support); with
 * `databaseFile`, on that SQLite file, so another process (the `gazette` CLI) can share it.
 */
export async function startSite(options: { databaseFile?: string; env?: Record<string, string> } = {}): Promise<RunningSite> {
  if (!options.databaseFile) {
    // `env` adds configuration (an SMTP sink's SMTP_URL, for a suite that reads the site's mail).
    const ctx = await createTestApp(testDatabases[0]!, undefined, options.env);
    const baseUrl = await listen(ctx.app);
    return {
      baseUrl,
      siteUrl: ctx.container.config.siteUrl,
      container: ctx.container,
      clock: ctx.clock,
      app: ctx.app,
      passFloodInterval: () => ctx.clock.advance(20_000),
      passMinimumFillTime: () => ctx.clock.advance((MIN_SECONDS_TO_POST + 2) * 1000),
      close: ctx.close,
    };
  }
  // IN_PROCESS_ENV, as every other test server has it: no shedding on the event loop's delay,
  // which a starved CI machine can trip (a 503 where the test expects the page or a redirect).
  const config = loadConfig({
    DATABASE_URL: options.databaseFile,
    SITE_URL: 'http://gazette.test',
    LOG_LEVEL: 'silent',
    ...IN_PROCESS_ENV,
  });
  const storage = createStorage(config.database);
  await migrateToLatest(storage);
  const clock = new ManualClock(new Date('2026-01-05T10:00:00Z'));
  const container = createContainer(config, { storage, clock });
  await publishDemoArticleIfEmpty(container);
  const app = await buildApp(container, { logger: false });
  // As `gazette serve` does: listen for the other processes' changes (the CLI's approvals).
  await container.startBackground();
  const baseUrl = await listen(app);
  return {
    baseUrl,
    siteUrl: config.siteUrl,
    container,
    clock,
    app,
    passFloodInterval: () => clock.advance(20_000),
    passMinimumFillTime: () => clock.advance((MIN_SECONDS_TO_POST + 2) * 1000),
    async close() {
      await app.close();
      await container.close();
    },
  };
}
