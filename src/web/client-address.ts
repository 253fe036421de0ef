import type { TrustProxy } from '../config.js';

/** Fastify's `trustProxy` option: which hops may say who the client is. */
export type FastifyTrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/**
 * Turns TRUST_PROXY into Fastify's `trustProxy`. A hop count becomes a function of the hop's
 * position (0 is the peer that connected to us): Fastify itself refuses a bare number (it cannot
 * tell the proxy from a client connecting directly), so with a count Gazette's port must be
 * reachable only through the proxies, which the operations guide says. Addresses and networks go
 * to Fastify as they are: then only a listed peer is believed, wherever Gazette listens.
 *
 * Either way request.ip is the address the nearest untrusted hop connected from, found from the
 * right of X-Forwarded-For, so entries the client wrote itself (on the left) are never taken.
 */
export function fastifyTrustProxy(trust: TrustProxy): FastifyTrustProxy {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
