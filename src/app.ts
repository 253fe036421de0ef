import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Container } from './container.js';
import { assetFiles, computeAssetVersion } from './web/assets.js';
import { fastifyTrustProxy } from './web/client-address.js';
import { mediaFiles, wpUploadFiles } from './web/media-files.js';
import { redirectOldLink } from './web/old-link-redirects.js';
import { answerFrameworkError, errorHandling } from './web/plugins/errors.js';
import { loadShedding } from './web/plugins/load-shedding.js';
import { pageCache } from './web/plugins/page-cache.js';
import { createFastPath, serverWithFastPath } from './web/plugins/page-cache-fast-path.js';
import { PageCacheStore } from './web/plugins/page-cache-store.js';
import { requestLog } from './web/plugins/request-log.js';
import { formTokenStamp } from './web/plugins/form-token-stamp.js';
import { createFormTokens, FORM_TOKEN_MARKER } from './web/form-tokens.js';
import { sameOriginCheck } from './web/plugins/same-origin.js';
import { securityHeaders } from './web/plugins/security-headers.js';
import { unstorableTextGuard } from './web/plugins/unstorable-text.js';
import { readerCookies } from './web/reader-cookies.js';
import { adminNeeds, adminRoutes } from './web/routes/admin/index.js';
import { replyApiNeeds, replyApiRoutes } from './web/routes/api/replies.routes.js';
import { apiV1Needs, apiV1Routes } from './web/routes/api/v1/index.js';
import { collectOpenApiRoutes } from './web/routes/api/v1/openapi-document.js';
import { sharedSchemas } from './web/routes/api/v1/openapi.js';
import { articleNeeds, articleRoutes } from './web/routes/reader/articles.routes.js';
import { discoveryNeeds, discoveryRoutes } from './web/routes/feeds/discovery.routes.js';
import { feedNeeds, feedRoutes } from './web/routes/feeds/feeds.routes.js';
import { faviconNeeds, faviconRoutes } from './web/routes/reader/favicon.routes.js';
import { listingNeeds, listingRoutes } from './web/routes/reader/listings.routes.js';
import { searchNeeds, searchRoutes } from './web/routes/reader/search.routes.js';
import { notifyNeeds, notifyRoutes } from './web/routes/reader/notify.routes.js';
import { privacyNeeds, privacyRoutes } from './web/routes/reader/privacy.routes.js';
import { routeDeps } from './web/route-deps.js';
import { embedNeeds, embedRoutes } from './web/routes/embed/embed.routes.js';
import { EMBED_API_PREFIX } from './web/routes/embed/embed.schema.js';
import { embedScriptRoute } from './web/routes/embed/embed-script.js';
import { bodyLimits } from './web/body-limits.js';
import { defaultServerLimits, serverOptions, type ServerLimits } from './web/server-limits.js';
import { createChromeLoader } from './web/site-chrome.js';
import { lazySchemaCompilers } from './web/lazy-schemas.js';

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
  const formTokens = createFormTokens(await container.settings.siteSecret(), container.clock);
  // One store, filled by the page-cache plugin and read by the fast path in front of Fastify.
  const pages = new PageCacheStore();
  const fastPath = createFastPath({
    store: pages,
    clock: container.clock,
    poll: () => container.relay.poll(),
    formField: formTokens.fieldBytes,
  });
  const app = Fastify({
    // Plain cache hits are answered before Fastify routes anything (issue 12).
    serverFactory: serverWithFastPath(fastPath),
    // The container's logger (LOG_LEVEL), so requests and background work write one log. Typed as
    // Fastify's base logger so routes and plugins keep the default FastifyInstance type.
    ...(options.logger === false ? { logger: false } : { loggerInstance: container.logger as FastifyBaseLogger }),
    // Our request log writes one line per request (plugins/request-log.ts), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Never `true` (every hop): see parseTrustProxy.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Routes that carry more say so (body-limits.ts); everything else gets little.
    bodyLimit: bodyLimits.default,
    ...serverOptions({ ...defaultServerLimits, ...options.serverLimits }),
    // Ids in routes are our own; no reader-controlled value should be coerced into surprises.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true } },
    // Each route's validator and serializer are compiled on its first request, not all before listening.
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // A broken %-escape or an over-long path segment gets a page or the JSON error, not Fastify's bare JSON.
    frameworkErrors: answerFrameworkError(chrome),
  });

  if (options.logger !== false) await app.register(requestLog);
  await app.register(cookie, { secret: await container.settings.siteSecret() });
  await app.register(formbody);
  await app.register(securityHeaders, { siteUrl: config.siteUrl });
  await app.register(readerCookies);
  // The embed API answers pages on other, allowed sites: its own allow-list replaces this check (routes/embed/).
  await app.register(sameOriginCheck, { exemptPrefixes: [EMBED_API_PREFIX] });
  await app.register(unstorableTextGuard);
  // After the security headers (a cached page carries them too), before any route runs.
  await app.register(pageCache, {
    events: container.events,
    clock: container.clock,
    relay: container.relay,
    store: pages,
    formToken: { marker: FORM_TOKEN_MARKER, fieldBytes: formTokens.fieldBytes },
    sharedCache: config.sharedCache,
  });
  // After the page cache, whose onSend stores a page before its token is stamped in.
  await app.register(formTokenStamp, { tokens: formTokens });

  // An address no route knows may be an imported site's old link (a WordPress permalink): redirected, not a 404.
  await app.register(errorHandling, { chrome, beforeNotFound: (request, reply) => redirectOldLink(container.oldLinks, request, reply) });
  // After the page cache (a cached page costs next to nothing, so it is served even then), before any route.
  await app.register(loadShedding, { limits: config.overload, chrome });
  await app.register(assetFiles);
  await app.register(mediaFiles, { uploadsDir: config.uploadsDir });
  await app.register(wpUploadFiles, { wpUploadsDir: config.wpUploadsDir });

  // Before any route: it collects the /api/v1 routes for the OpenAPI document (made when first asked for).
  collectOpenApiRoutes(app, config.siteUrl);
  for (const schema of sharedSchemas) app.addSchema(schema);

  // Each route module gets only the services it names (route-deps.ts).
  await app.register(listingRoutes, routeDeps(container, chrome, listingNeeds));
  await app.register(articleRoutes, routeDeps(container, chrome, articleNeeds));
  await app.register(searchRoutes, routeDeps(container, chrome, searchNeeds));
  await app.register(replyApiRoutes, routeDeps(container, chrome, replyApiNeeds));
  await app.register(apiV1Routes, { ...routeDeps(container, chrome, apiV1Needs), prefix: '/api/v1' });
  await app.register(notifyRoutes, routeDeps(container, chrome, notifyNeeds));
  await app.register(privacyRoutes, routeDeps(container, chrome, privacyNeeds));
  // The newsroom: its own scope with sessions and anti-forgery tokens (issue 3).
  await app.register(adminRoutes, { ...routeDeps(container, chrome, adminNeeds), prefix: '/admin' });
  await app.register(feedRoutes, routeDeps(container, chrome, feedNeeds));
  await app.register(discoveryRoutes, routeDeps(container, chrome, discoveryNeeds));
  await app.register(faviconRoutes, routeDeps(container, chrome, faviconNeeds));
  await app.register(embedScriptRoute);
  await app.register(embedRoutes, routeDeps(container, chrome, embedNeeds));
  return app;
}
