import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the site's public address (SITE_URL) is https: cookies are Secure and HSTS is sent. */
    readonly httpsSite: boolean;
  }
}

/** The site's public address (SITE_URL): its scheme decides HSTS and `Secure` cookies. */
export interface SecurityHeadersOptions {
  siteUrl: string;
}

/** A year, as browsers and the HSTS preload list expect (RFC 6797 §6.1.1). */
const HSTS_SECONDS = 365 * 24 * 3600;

/**
 * Whether cookies set for this request carry `Secure`. The scheme is a fact about the site
 * (SITE_URL), not about one request: behind a TLS proxy without TRUST_PROXY every request looks like
 * plain HTTP, and with it a client can claim either scheme in X-Forwarded-Proto.
 */
export function secureCookies(request: FastifyRequest): boolean {
  return request.server.httpsSite;
}

/**
 * Strict Content-Security-Policy and the usual hardening headers. Pages load only what Gazette
 * serves itself: no inline script, no third-party origin, no framing. HSTS only when the site is
 * served over https (sent on plain HTTP it means nothing, and promises what the site does not do).
 *
 * Helmet itself, made once: @fastify/helmet made a new Helmet (parsing the policy again) on every
 * request, a few per cent of a reply POST's time in issue 12's profile.
 */
const securityHeadersPlugin: FastifyPluginAsync<SecurityHeadersOptions> = async (app, options) => {
  const https = new URL(options.siteUrl).protocol === 'https:';
  app.decorate('httpsSite', https);
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // The editor's preview: the site's page in a frame of the newsroom's own (srcdoc, same origin).
        frameSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        manifestSrc: ["'self'"],
      },
    },
    strictTransportSecurity: https ? { maxAge: HSTS_SECONDS, includeSubDomains: false } : false,
    // Pages embed nothing cross-origin, and replies may later be embedded elsewhere on purpose.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  // Helmet throws (rather than calling back) on a bad option, and that happens when it is made, above.
  app.addHook('onRequest', (request, reply, done) => applyHeaders(request.raw, reply.raw, () => done()));
};

/** The security headers and `app.httpsSite`, for the whole app. */
export const securityHeaders = fp(securityHeadersPlugin, { fastify: '5.x', name: 'gazette-security-headers' });
