import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../../lib/errors.js';
import { unsafeMethods } from '../http-methods.js';

/** The same-origin check takes no options: the site's own host is the one the request was sent to. */
export type SameOriginOptions = Record<never, never>;

/**
 * CSRF defence for every state change: a browser tells us where a request came from
 * (`Sec-Fetch-Site`, else `Origin`); anything from another site is refused. Requests without
 * either header (curl, scripts) carry no ambient browser credentials to abuse, so they pass.
 * Signed-in forms add a token on top of this (see the accounts module).
 */
const sameOrigin: FastifyPluginAsync<SameOriginOptions> = async (app) => {
  app.addHook('onRequest', async (request) => {
    if (!unsafeMethods.has(request.method)) return;
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
