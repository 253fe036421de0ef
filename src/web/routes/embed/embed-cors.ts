import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../../../lib/errors.js';
import { parseOrigin } from '../../../lib/web-origin.js';

/** Which origins may use the embed API: asked on every request (the newsroom's list changes). */
export interface EmbedCorsOptions {
  isAllowed(origin: string): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The embedding page's origin, once the allow-list accepted it (embed routes only). */
    embedOrigin: string;
  }
}

/** Preflight answers are cached by the browser this long: the allow-list may change, so not for days. */
const PREFLIGHT_MAX_AGE_S = 600;

function originOf(request: FastifyRequest): string | null {
  const raw = request.headers.origin;
  return typeof raw === 'string' && raw !== 'null' ? parseOrigin(raw) : null;
}

/**
 * CORS for the embed API, and its replacement for the same-origin check (issue 15): a request must
 * name its page's origin, and that origin must be on the allow-list. An allowed origin gets
 * `Access-Control-Allow-Origin` with itself (never `*`, never credentials: the widget sends its
 * state explicitly, no cookie is involved). A refused one still may read the refusal (a message,
 * nothing it could post with), so the widget can say why in the page's console.
 */
const embedCorsPlugin: FastifyPluginAsync<EmbedCorsOptions> = async (app, options) => {
  app.decorateRequest('embedOrigin', '');
  app.addHook('onRequest', async (request, reply) => {
    reply.header('vary', 'Origin');
    const origin = originOf(request);
    if (!origin)
      throw new Forbidden(
        'The embed API answers pages on allowed sites, and this request named no valid Origin. Load the thread with embed.js from a page on an allowed site.',
      );
    const allowed = await options.isAllowed(origin);
    if (request.method === 'OPTIONS') {
      // A preflight refused: no allow headers, so the browser never sends the real request.
      if (!allowed) return reply.code(403).send();
      return reply
        .code(204)
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S))
        .send();
    }
    reply.header('access-control-allow-origin', origin);
    if (!allowed)
      throw new Forbidden(
        `Replies cannot be embedded on ${origin}: the site is not on Gazette's list of allowed sites. The newsroom adds it under Discussion settings, "Sites that may embed reply threads", or in EMBED_ORIGINS.`,
      );
    request.embedOrigin = origin;
  });
};

/** The embed API's CORS and allow-list, for the scope that registers it (the embed routes only). */
export const embedCors = fp(embedCorsPlugin, { fastify: '5.x', name: 'gazette-embed-cors' });
