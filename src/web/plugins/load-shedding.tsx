import underPressure from '@fastify/under-pressure';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { OverloadConfig } from '../../config.js';
import { Overloaded } from '../../lib/errors.js';
import { unsafeMethods } from '../http-methods.js';
import type { ChromeLoader } from '../site-chrome.js';
import { ErrorPage } from '../views/error-page.js';
import { renderDocument } from '../views/render.js';
import { errorBody } from './error-mapping.js';
import { wantsJson } from './errors.js';

/** The thresholds (config.overload) and the frame of the small busy page. */
export interface LoadSheddingOptions {
  limits: OverloadConfig;
  chrome: ChromeLoader;
}

const MESSAGE = 'The site is very busy right now. Please try again in a few seconds.';
const TITLE = 'Back in a moment';
/** One warning per episode of overload in the log, not one per shed request. */
const LOG_EVERY_MS = 10_000;

/**
 * Load shedding (issue 7): past its capacity the server answers 503 with `Retry-After` at once,
 * instead of queueing work until every visitor waits. `@fastify/under-pressure` samples the
 * event-loop delay and the memory in use; while a threshold is crossed:
 *
 * - a request without a body gets a small page (or the JSON error) rendered once, with no
 *   database round trip, before any route work;
 * - a form POST is shed after its body is read, so the error page hands the reader's text back
 *   in a form to send again (the error handler's resend form): nothing typed is lost. The
 *   editor's multipart saves are not shed, as their body is only read by the handler.
 *
 * Registered after the page cache, so cached pages, which cost almost nothing, are still served.
 * `/health` answers `{ "status": "ok" }`, or the same 503 under pressure, for load balancers.
 */
const loadSheddingPlugin: FastifyPluginAsync<LoadSheddingOptions> = async (app, { limits, chrome }) => {
  let page: string | undefined;
  let lastWarning = 0;
  const warn = (request: FastifyRequest, type: string, value: unknown) => {
    const now = Date.now();
    if (now - lastWarning < LOG_EVERY_MS) return;
    lastWarning = now;
    request.log.warn({ type, value }, 'overloaded: shedding requests with 503 until the load falls');
  };

  const shed = (request: FastifyRequest, reply: FastifyReply) => {
    reply.code(503).header('retry-after', String(limits.retryAfterSeconds)).header('cache-control', 'no-store');
    if (wantsJson(request)) {
      reply.send(errorBody({ status: 503, code: 'unavailable', message: MESSAGE }));
      return;
    }
    page ??= renderDocument(<ErrorPage chrome={chrome.offline()} status={503} title={TITLE} message={MESSAGE} />);
    reply.type('text/html; charset=utf-8').send(page);
  };

  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    maxRssBytes: limits.maxRssBytes,
    // Twice a second: quick to start shedding, quick to recover once the load falls.
    sampleInterval: 500,
    exposeStatusRoute: { url: '/health', routeOpts: { logLevel: 'warn' } },
    pressureHandler: (request, reply, type, value) => {
      warn(request, type, value);
      // A body-carrying request goes on to its preHandler below, which sheds it with the text kept.
      // Otherwise the answer is sent here; the remaining hooks and the route see a sent reply and stop.
      if (!unsafeMethods.has(request.method)) shed(request, reply);
    },
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.multipart || !app.isUnderPressure()) return;
    reply.header('retry-after', String(limits.retryAfterSeconds));
    throw new Overloaded(MESSAGE);
  });
};

/** Load shedding and `/health`, for the whole app; decorates the instance with `isUnderPressure` (@fastify/under-pressure). */
export const loadShedding = fp(loadSheddingPlugin, { fastify: '5.x', name: 'gazette-load-shedding' });
