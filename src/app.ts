import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { computeAssetVersion, installAssets } from './web/assets.js';
import { fastifyTrustProxy } from './web/client-address.js';
import { installMediaFiles } from './web/media-files.js';
import { installErrorHandling } from './web/plugins/errors.js';
import { installPageCache } from './web/plugins/page-cache.js';
import { installSameOriginCheck } from './web/plugins/same-origin.js';
import { installSecurityHeaders } from './web/plugins/security-headers.js';
import { adminRoutes } from './web/routes/admin/index.js';
import { replyApiRoutes } from './web/routes/api/replies.js';
import { articleRoutes } from './web/routes/articles.js';
import { discoveryRoutes } from './web/routes/discovery.js';
import { feedRoutes } from './web/routes/feeds.js';
import { listingRoutes } from './web/routes/listings.js';
import { createChromeLoader } from './web/site-chrome.js';

/** Options for building the app; tests turn the logger off. */
export interface AppOptions {
  logger?: boolean;
}

/**
 * Builds the web app on a container: plugins, then routes. Never listens, so tests can
 * `inject()` requests and `main.ts` decides where to serve.
 */
export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = container;
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    // Never `true` (every hop): see parseTrustProxy.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // A reply may be 65,525 characters, up to 4 bytes each and percent-encoded: room for that.
    bodyLimit: 1024 * 1024,
    // Ids in routes are our own; no reader-controlled value should be coerced into surprises.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true } },
  });

  await app.register(cookie, { secret: await container.settings.siteSecret() });
  await app.register(formbody);
  await installSecurityHeaders(app, { siteUrl: config.siteUrl });
  installSameOriginCheck(app);
  // After the security headers (a cached page carries them too), before any route runs.
  installPageCache(app, { events: container.events, clock: container.clock, relay: container.relay });

  const chrome = createChromeLoader(container, computeAssetVersion());
  installErrorHandling(app, chrome);
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
