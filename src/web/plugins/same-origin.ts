import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../../lib/errors.js';
import { unsafeMethods } from '../http-methods.js';

/**
 * The site's own host is the one the request was sent to. `exemptPrefixes`: addresses whose routes
 * check the request's origin against an allow-list of their own instead (the embed API).
 */
export interface SameOriginOptions {
  exemptPrefixes?: readonly string[];
}

/**
 * CSRF defence for every state change: a browser tells us where a request came from
 * (`Sec-Fetch-Site`, else `Origin`); anything from another site is refused. Requests without
 * either header (curl, scripts) carry no ambient browser credentials to abuse, so they pass.
 * Signed-in forms add a token on top of this (see the accounts module).
 */
const sameOrigin: FastifyPluginAsync<SameOriginOptions> = async (app, options) => {
  const exempt = options.exemptPrefixes ?? [];
  app.addHook('onRequest', async (request) => {
    if (!unsafeMethods.has(request.method)) return;
    // A bearer token is never sent by a browser on its own (unlike a cookie), so a request carrying
    // one cannot be forged by another site: the API's CORS list decides which pages may send it.
    if (request.url.startsWith('/api/v1/') && /^Bearer /i.test(request.headers.authorization ?? '')) return;
    if (exempt.some((prefix) => request.url.startsWith(prefix))) return;
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (site === 'cross-site') throw new Forbidden('This form was sent from another site, so it was refused.');
      if (site !== 'same-site') return;
    }
    const origin = request.headers.origin;
    if (!origin || origin === 'null') {
      if (origin === 'null') throw new Forbidden('This form was sent from an unknown origin, so it was refused.');
      return;
    }
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new Forbidden('This form was sent from an unknown origin, so it was refused.');
    }
    if (originHost !== request.host) throw new Forbidden('This form was sent from another site, so it was refused.');
  });
};

/** The same-origin check, for the whole app (not encapsulated: every route is guarded). */
export const sameOriginCheck = fp(sameOrigin, { fastify: '5.x', name: 'gazette-same-origin' });
