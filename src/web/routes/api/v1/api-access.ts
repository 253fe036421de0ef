import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, Unauthorized } from '../../../../lib/errors.js';
import { can, type Action, type Actor, type ArticleSubject } from '../../../../modules/accounts/index.js';
import type { ApiTokensService, TokenHolder } from '../../../../modules/api-tokens/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The member an API token acts as, when the request carried one. */
    apiCaller?: TokenHolder;
  }
}

/**
 * Reads `Authorization: Bearer <token>` on /api/v1 requests. No header: an anonymous caller (the
 * public reads). A header we cannot match (unknown, revoked, a disabled member) is a 401, never a
 * silent downgrade to anonymous: a script with a dead token should hear about it at once.
 */
const apiAccessPlugin: FastifyPluginAsync<{ tokens: Pick<ApiTokensService, 'authenticate'> }> = async (app, { tokens }) => {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const match = /^Bearer ([\x21-\x7e]{1,200})$/i.exec(header.trim());
    const holder = match ? await tokens.authenticate(match[1]!) : undefined;
    if (!holder)
      throw new Unauthorized(
        'This API token is not valid: it is unknown, revoked, or its member is disabled. Send "Authorization: Bearer <token>" with a token made in the newsroom under API tokens.',
      );
    request.apiCaller = holder;
  });

  // GET answers carry an ETag; a matching If-None-Match gets a 304 with no body (RFC 9110 §13.1.2).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return payload;
    reply.header('vary', 'authorization, origin');
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    // What a token's member may see is theirs alone: never kept by shared caches.
    if (request.apiCaller) reply.header('cache-control', 'private, no-cache');
    else if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    if (!reply.hasHeader('etag')) reply.header('etag', `"${createHash('sha1').update(payload).digest('base64url')}"`);
    const etag = String(reply.getHeader('etag'));
    const asked = request.headers['if-none-match'];
    if (asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))) {
      reply.code(304);
      return '';
    }
    return payload;
  });
};

/** Token sign-in and ETags for the /api/v1 scope. */
export const apiAccess = fp(apiAccessPlugin, { fastify: '5.x', name: 'gazette-api-access' });

/** The policy's view of the token's member; a 401 when the request carried no token. */
export function memberOf(request: FastifyRequest, need: 'read' | 'write'): NonNullable<Actor> & { name: string } {
  const caller = request.apiCaller;
  if (!caller) throw new Unauthorized('This needs an API token: send "Authorization: Bearer <token>" with a token made in the newsroom.');
  if (need === 'write' && caller.scope !== 'write')
    throw new Forbidden('This token is read-only. Make a read-write token in the newsroom to change things.');
  const { user } = caller;
  return { id: user.id, role: user.role, authorId: user.authorId, name: user.name };
}

/** Refuses (403) unless the token's member's role allows the action: the newsroom's own policy, unchanged. */
export function authorizeApi(actor: Actor, action: Action, subject?: ArticleSubject): void {
  if (!can(actor, action, subject)) throw new Forbidden('Your role does not allow this. Ask an editor or an administrator.');
}
