import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import { openApiOptions, sharedSchemas } from './openapi.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The OpenAPI 3.1 document of /api/v1, made on first request and kept. */
    openApiDocument(): Promise<Record<string, unknown>>;
  }
}

/** What the document needs of a route: how it is called and its schema. */
interface DescribedRoute {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  schema: RouteOptions['schema'];
}

/**
 * Collects the /api/v1 routes as the app adds them and makes the OpenAPI document from them the
 * first time it is asked for. @fastify/swagger (with its YAML library, some hundred files) would
 * otherwise load with every process and collect routes in every start, though only a program's
 * author ever reads the document (issue 12, "Footprint"). On first request the same routes and
 * shared schemas are added to a Fastify instance of their own that carries the swagger plugin, so
 * the document is exactly what the plugin makes of the routes the site serves.
 */
export function collectOpenApiRoutes(app: FastifyInstance, siteUrl: string): void {
  const routes: DescribedRoute[] = [];
  app.addHook('onRoute', (route) => {
    // HEAD routes are the ones Fastify adds beside each GET; the instance below adds its own.
    if (!route.url.startsWith('/api/v1') || route.method === 'HEAD') return;
    routes.push({ method: route.method, url: route.url, schema: route.schema });
  });

  let document: Promise<Record<string, unknown>> | undefined;
  async function makeDocument(): Promise<Record<string, unknown>> {
    const [{ default: fastify }, { default: swagger }] = await Promise.all([import('fastify'), import('@fastify/swagger')]);
    const describer = fastify({ logger: false });
    // Only described, never called: no validator or serializer is compiled.
    describer.setValidatorCompiler(() => () => true);
    describer.setSerializerCompiler(() => (data) => JSON.stringify(data));
    await describer.register(swagger, openApiOptions(siteUrl));
    for (const schema of sharedSchemas) describer.addSchema(schema);
    for (const route of routes) describer.route({ ...route, handler: async () => null });
    await describer.ready();
    const made = describer.swagger() as unknown as Record<string, unknown>;
    await describer.close();
    return made;
  }
  app.decorate('openApiDocument', () => {
    document ??= makeDocument().catch((error: unknown) => {
      document = undefined; // the next request tries again
      throw error;
    });
    return document;
  });
}
