import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import type { Reply } from '../../../modules/replies/index.js';
import { rememberTicked, requestedParentId, type ReplyFormBody } from './reply-form.schema.js';

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
    { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
  );
  reply.rememberCommenter(rememberTicked(body), {
    author: posted.authorName,
    email: (body.email ?? '').trim(),
    url: posted.authorUrl,
  });
  if (posted.status === 'held') reply.addPendingReplyId(posted.id);
  return posted;
}
