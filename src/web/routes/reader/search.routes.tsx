import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { renderDocument } from '../../views/render.js';
import { SearchPage } from '../../views/search-page.js';
import { positiveIntegerOf } from './reply-form.schema.js';

/**
 * `?q=` is whatever a reader typed or a link carried: no length or character rule here (the
 * search module reads any string); `page` that is not a number is page 1. Repeated parameters
 * (`?q=a&q=b`) arrive as arrays and are read as their first value.
 */
const SearchQueryString = Type.Object({
  q: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  page: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The services the search page uses. */
export const searchNeeds = ['search'] as const;

/** The reader's search page: `/search?q=…&page=…`, no script needed. */
export async function searchRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof searchNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/search',
    // The query is never stored and the search module cleans it (NULs, lone surrogates), so the
    // guard against unstorable text must not refuse a search for it. Not cached: endless keys.
    { schema: { querystring: SearchQueryString }, config: { unstoredFields: ['q', 'page'] } },
    async (request, reply) => {
      const q = first(request.query.q) ?? '';
      const page = positiveIntegerOf(first(request.query.page)) ?? 1;
      const [results, siteChrome] = await Promise.all([q.trim() ? container.search.articles(q, { page }) : undefined, chrome.load()]);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(<SearchPage chrome={siteChrome} {...(results ? { results } : {})} />));
    },
  );
}
