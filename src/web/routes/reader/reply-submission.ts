import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import type { Reply } from '../../../modules/replies/index.js';
import { rememberTicked, requestedParentId, type ReplyFormBody } from './reply-form.schema.js';

/**
 * The reply as its poster is told of it: one the machine sent to spam reads as held, so a bot
 * learns nothing from the answer (a moderator may still rescue it).
 */
export function asPosterSees(posted: Reply): Reply {
  return posted.status === 'spam' ? { ...posted, status: 'held' } : posted;
}

/**
 * Posts a reader's reply from either the HTML form or the API, then keeps the browser's side in
 * step: the consent cookie, and the list of the reader's own held replies.
 */
export async function submitReply(
  container: Pick<Container, 'replies'>,
  request: FastifyRequest,
  reply: FastifyReply,
  articleId: number,
  body: ReplyFormBody,
): Promise<Reply> {
  const posted = await container.replies.post(
    {
      articleId,
      parentId: requestedParentId(body),
      comment: body.comment,
      author: body.author,
      email: body.email,
      url: body.url,
    },
    { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', ...request.server.formTokens.evidence(body) },
  );
  reply.rememberCommenter(rememberTicked(body), {
    author: posted.authorName,
    email: (body.email ?? '').trim(),
    url: posted.authorUrl,
  });
  if (posted.status === 'held') reply.addPendingReplyId(posted.id);
  return posted;
}
