import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { computeAssetVersion, installAssets } from './web/assets.js';
import { fastifyTrustProxy } from './web/client-address.js';
import { installMediaFiles } from './web/media-files.js';
import { answerFrameworkError, installErrorHandling } from './web/plugins/errors.js';
import { installLoadShedding } from './web/plugins/load-shedding.js';
import { installPageCache } from './web/plugins/page-cache.js';
import { installSameOriginCheck } from './web/plugins/same-origin.js';
import { installSecurityHeaders } from './web/plugins/security-headers.js';
import { installUnstorableTextGuard } from './web/plugins/unstorable-text.js';
import { adminRoutes } from './web/routes/admin/index.js';
import { replyApiRoutes } from './web/routes/api/replies.js';
import { articleRoutes } from './web/routes/articles.js';
import { discoveryRoutes } from './web/routes/discovery.js';
import { feedRoutes } from './web/routes/feeds.js';
import { listingRoutes } from './web/routes/listings.js';
import { bodyLimits } from './web/body-limits.js';
import { defaultServerLimits, serverOptions, type ServerLimits } from './web/server-limits.js';
import { createChromeLoader } from './web/site-chrome.js';

/** Options for building the app; tests turn the logger off and shorten the server's time limits. */
export interface AppOptions {
  /** false: no request log at all (tests); otherwise requests go to the container's one logger. */
  logger?: boolean;
  serverLimits?: Partial<ServerLimits>;
}

/**
 * Builds the web app on a container: plugins, then routes. Never listens, so tests can
 * `inject()` requests and `main.ts` decides where to serve.
 */
export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = container;
  const chrome = createChromeLoader(container, computeAssetVersion());
  const app = Fastify({
    // The container's logger (LOG_LEVEL), so requests and background work write one log. Typed as
    // Fastify's base logger so routes and plugins keep the default FastifyInstance type.
    ...(options.logger === false ? { logger: false } : { loggerInstance: container.logger as FastifyBaseLogger }),
    // Never `true` (every hop): see parseTrustProxy.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Routes that carry more say so (body-limits.ts); everything else gets little.
    bodyLimit: bodyLimits.default,
    ...serverOptions({ ...defaultServerLimits, ...options.serverLimits }),
    // Ids in routes are our own; no reader-controlled value should be coerced into surprises.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true } },
    // A broken %-escape or an over-long path segment gets a page or the JSON error, not Fastify's bare JSON.
    frameworkErrors: answerFrameworkError(chrome),
  });

  await app.register(cookie, { secret: await container.settings.siteSecret() });
  await app.register(formbody);
  await installSecurityHeaders(app, { siteUrl: config.siteUrl });
  installSameOriginCheck(app);
  installUnstorableTextGuard(app);
  // After the security headers (a cached page carries them too), before any route runs.
  installPageCache(app, { events: container.events, clock: container.clock, relay: container.relay });

  installErrorHandling(app, chrome);
  // After the page cache (a cached page costs next to nothing, so it is served even then), before any route.
  await installLoadShedding(app, config.overload, chrome);
  await installAssets(app);
  await installMediaFiles(app, config.uploadsDir);

  const deps = { container, chrome };
  await app.register(listingRoutes, deps);
  await app.register(articleRoutes, deps);
  await app.register(replyApiRoutes, deps);
  // The newsroom: its own scope with sessions and anti-forgery tokens (issue 3).
  await app.register(adminRoutes, { ...deps, prefix: '/admin' });
  await app.register(feedRoutes, deps);
  await app.register(discoveryRoutes, deps);
  return app;
}
