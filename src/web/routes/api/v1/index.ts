import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { apiAccess } from './api-access.js';
import { apiDocsRoutes } from './docs.routes.js';
import { newsroomApiNeeds, newsroomApiRoutes } from './newsroom.routes.js';
import { publicApiNeeds, publicApiRoutes } from './public.routes.js';

/** Everything /api/v1 uses. */
export const apiV1Needs = [...publicApiNeeds, ...newsroomApiNeeds, 'apiTokens'] as const;

/**
 * /api/v1: its own scope with token sign-in, ETags and CORS. CORS is off unless `API_CORS_ORIGINS`
 * lists origins; then only those get the headers (a page elsewhere cannot read answers otherwise).
 */
export async function apiV1Routes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof apiV1Needs>>): Promise<void> {
  const { container } = deps;
  const origins = container.config.apiCorsOrigins;
  await app.register(cors, {
    origin: origins.length > 0 ? [...origins] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type', 'if-none-match'],
    exposedHeaders: ['etag', 'link'],
    maxAge: 600,
  });
  await app.register(apiAccess, { tokens: container.apiTokens });
  // Only the services: this scope's prefix must not be added a second time.
  const services = { container: deps.container, chrome: deps.chrome };
  await app.register(publicApiRoutes, services);
  await app.register(newsroomApiRoutes, services);
  await app.register(apiDocsRoutes);
}
