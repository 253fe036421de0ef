import type { SwaggerOptions } from '@fastify/swagger';
export { sharedSchemas } from './api-v1.schema.js';

/**
 * The OpenAPI 3.1 document's frame. Only /api/v1 routes are described (the site's pages and the
 * older /api/articles replies API are not part of the versioned contract); shared schemas keep
 * their `$id` as their name under `components.schemas`.
 */
export function openApiOptions(siteUrl: string): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gazette API',
        version: '1',
        description:
          'Articles, sections, tags and replies for programs; the newsroom routes need an API token made in the newsroom (Authorization: Bearer). Errors are { "error": { "code", "message", "field"? } }.',
      },
      servers: [{ url: siteUrl }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from the newsroom (gzt_…).' } },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/v1/') ? schema : { ...schema, hide: true }, url }),
  };
}
