import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../../views/render.js';
import { ApiReferencePage, type OpenApiDocument } from '../../../views/api-reference-page.js';

/** The services the API's documents read (none: they are made from the routes). */
export const apiDocsNeeds = [] as const;

/**
 * The OpenAPI 3.1 document (@fastify/swagger, from the routes' own TypeBox schemas, made on first
 * request: openapi-document.ts) and a
 * reference page rendered from it on the server: nothing is loaded from another host.
 */
export async function apiDocsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json').send(await app.openApiDocument()),
  );

  app.get('/docs', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(renderDocument(<ApiReferencePage doc={(await app.openApiDocument()) as unknown as OpenApiDocument} />)),
  );
}
