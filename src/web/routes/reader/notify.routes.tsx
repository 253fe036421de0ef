import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { renderDocument } from '../../views/render.js';
import { ConfirmPage, UnsubscribePage } from '../../views/notify-pages.js';

/** The services the notification links use. */
export const notifyNeeds = ['notify'] as const;

// Shapes only; what a token means (forged, expired, used) is the notify module's to say, in words.
const Token = Type.String({ maxLength: 200 });
const TokenQuery = Type.Object({ token: Token });
const ConfirmBody = Type.Object({ token: Token, scope: Type.Optional(Type.Union([Type.Literal('answers'), Type.Literal('article')])) });

/** The few bytes a one-click unsubscribe POST carries (`List-Unsubscribe=One-Click`). */
const UNSUBSCRIBE_BODY_LIMIT = 4096;

/**
 * The links in notification mails: the double opt-in's confirmation, and unsubscribing (a page
 * with a button on GET; RFC 8058's one-click on POST, which mailbox providers send without
 * cookies and without a confirmation step).
 */
export async function notifyRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof notifyNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // RFC 8058 allows the one-click body as multipart/form-data too; the token is in the address,
  // so the body is read as nothing (this scope only).
  app.addContentTypeParser('multipart/form-data', { bodyLimit: UNSUBSCRIBE_BODY_LIMIT }, (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
    payload.on('error', (error) => done(error));
  });

  r.get('/notify/confirm', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const view = await container.notify.readConfirmation(request.query.token);
    const model = { token: request.query.token, ...view };
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(<ConfirmPage chrome={await chrome.load()} model={model} />));
  });

  r.post('/notify/confirm', { schema: { body: ConfirmBody } }, async (request, reply) => {
    const view = await container.notify.confirm(request.body.token, request.body.scope ?? 'answers');
    const model = { token: request.body.token, ...view, justConfirmed: true };
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(<ConfirmPage chrome={await chrome.load()} model={model} />));
  });

  r.get('/notify/unsubscribe', { schema: { querystring: TokenQuery } }, async (request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(<UnsubscribePage chrome={await chrome.load()} token={request.query.token} done={false} />)),
  );

  r.post('/notify/unsubscribe', { schema: { querystring: TokenQuery }, bodyLimit: UNSUBSCRIBE_BODY_LIMIT }, async (request, reply) => {
    await container.notify.unsubscribe(request.query.token);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderDocument(<UnsubscribePage chrome={await chrome.load()} token={request.query.token} done />));
  });
}
