import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Overloaded } from '../../lib/errors.js';
import type { ChromeLoader } from '../site-chrome.js';
import { ErrorPage, type ResendForm } from '../views/error-page.js';
import { renderDocument } from '../views/render.js';
import { errorBody, toPublicError, type PublicError } from './error-mapping.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Renders this route's own HTML answer to an error (the article page re-rendered with the
     * reader's text and the messages next to the fields). Without it, a generic error page.
     */
    htmlErrorPage?: (request: FastifyRequest, error: PublicError) => Promise<string>;
  }
}

const titles: Record<number, string> = {
  400: 'That request could not be read',
  403: 'That is not allowed',
  404: 'Page not found',
  409: 'Already done',
  413: 'That was too large',
  414: 'That address is too long',
  422: 'Please check what you sent',
  429: 'Slow down',
  503: 'Back in a moment',
};

/** Whether the client reads JSON errors (the API, scripts) rather than pages. */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || !/text\/html/.test(request.headers.accept ?? 'text/html');
}

/**
 * When a form POST fails on our side (the database away), the sender's text must not be lost: the
 * error page carries the posted fields back in a form they can send again.
 */
function resendFormOf(request: FastifyRequest): ResendForm | undefined {
  if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null) return undefined;
  const fields = Object.entries(request.body as Record<string, unknown>).filter((f): f is [string, string] => typeof f[1] === 'string');
  return fields.length > 0 ? { action: request.url, fields } : undefined;
}

/** The plain error page, in the site's frame (without section links when the database is away). */
async function genericPage(chrome: ChromeLoader, e: PublicError, resend?: ResendForm): Promise<string> {
  const message = e.status === 404 ? 'There is nothing at this address. It may have moved, or the link may be mistyped.' : e.message;
  return renderDocument(
    <ErrorPage
      chrome={await chrome.loadSafely()}
      status={e.status}
      title={titles[e.status] ?? 'Something went wrong'}
      message={message}
      {...(resend ? { resend } : {})}
    />,
  );
}

/** Messages for the errors Fastify's router raises before any route or hook runs. */
const frameworkMessages: Record<string, PublicError> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_url',
    message: 'This address is not valid: it holds a broken %-escape. Check the link and try again.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'too_long',
    message: 'Part of this address is too long to be a page of this site. Check the link and try again.',
  },
};

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (a broken %-escape in the path, a
 * path segment past its length limit) answered like every other error, instead of Fastify's bare
 * JSON. It runs outside any route, so without the route's own error page.
 */
export function answerFrameworkError(chrome: ChromeLoader) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const e = frameworkMessages[error.code] ?? toPublicError(error);
    reply.code(e.status).header('cache-control', 'no-store');
    if (wantsJson(request)) return void reply.send(errorBody(e));
    reply.type('text/html; charset=utf-8').send(await genericPage(chrome, e));
  };
}

/** The page frame the error pages are drawn in, and what may answer an address before it is a 404. */
export interface ErrorHandlingOptions {
  chrome: ChromeLoader;
  /**
   * Tried for every request no route matched: true when it has answered (an imported site's old
   * address redirected to its new one). Only when it answers nothing is the request a 404.
   */
  beforeNotFound?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

const errorHandlingPlugin: FastifyPluginAsync<ErrorHandlingOptions> = async (app, { chrome, beforeNotFound }) => {
  app.setErrorHandler(async (error, request, reply) => {
    const e = toPublicError(error);
    // Shed load is expected under overload and logged once per episode (load-shedding.ts), not per request.
    if (e.status >= 500 && !(error instanceof Overloaded)) request.log.error({ err: error }, 'request failed');
    if (e.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '5');
    reply.code(e.status);
    if (wantsJson(request)) return reply.send(errorBody(e));
    const own = request.routeOptions.config.htmlErrorPage;
    let html: string;
    try {
      html =
        own && e.status < 500 ? await own(request, e) : await genericPage(chrome, e, e.status >= 500 ? resendFormOf(request) : undefined);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      html = await genericPage(chrome, toPublicError(renderError));
    }
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (beforeNotFound && (await beforeNotFound(request, reply))) return reply;
    const e: PublicError = { status: 404, code: 'not_found', message: 'There is nothing at this address.' };
    reply.code(404);
    if (wantsJson(request)) return reply.send(errorBody(e));
    return reply.type('text/html; charset=utf-8').send(await genericPage(chrome, e));
  });
};

/** The error and not-found handlers, for the whole app. */
export const errorHandling = fp(errorHandlingPlugin, { fastify: '5.x', name: 'gazette-error-handling' });
