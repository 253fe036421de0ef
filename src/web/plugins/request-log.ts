import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One JSON log line per request, written when the answer has gone: method, path, status and time.
 * Fastify's own request logging writes two (one as the request comes in, one when it completes),
 * doubling the log of a busy site for nothing a reader of the log needs (issue 11, item 10).
 */
/**
 * The path as logged: a `token` in the query (the privacy page's, notification and setup or reset
 * links) is a bearer credential for an hour or more, so whoever reads the log must not be able to
 * follow it. Its value is replaced; the rest of the address stays.
 */
export function loggablePath(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

const requestLogPlugin: FastifyPluginAsync = async (app) => {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: loggablePath(request.url),
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
};

/** Registers the one-line request log (the app turns Fastify's own two lines off). */
export const requestLog = fp(requestLogPlugin, { name: 'request-log' });
