import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import type { PostedReply, Reply } from '../../../modules/replies/index.js';
import { notifyTicked, rememberTicked, requestedParentId, type ReplyFormBody } from './reply-form.schema.js';

/**
 * The reply as its poster is told of it: one the machine sent to spam reads as held, so a bot
 * learns nothing from the answer (a moderator may still rescue it).
 */
export function asPosterSees<R extends Reply>(posted: R): R {
  return posted.status === 'spam' ? { ...posted, status: 'held' } : posted;
}

/**
 * Posts a reader's reply as the form sent it (the article page, the JSON API, an embedded thread):
 * the fields, the sender and what the form's token and honeypot show. Keeps no state in the browser.
 */
export function postReaderReply(
  container: Pick<Container, 'replies'>,
  request: FastifyRequest,
  articleId: number,
  body: ReplyFormBody,
): Promise<PostedReply> {
  return container.replies.post(
    {
      articleId,
      parentId: requestedParentId(body),
      comment: body.comment,
      author: body.author,
      email: body.email,
      url: body.url,
      notify: notifyTicked(body),
    },
    { ip: request.ip, userAgent: request.headers['user-agent'] ?? '', ...request.server.formTokens.evidence(body) },
  );
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
): Promise<PostedReply> {
  const posted = await postReaderReply(container, request, articleId, body);
  reply.rememberCommenter(rememberTicked(body), {
    author: posted.authorName,
    email: (body.email ?? '').trim(),
    url: posted.authorUrl,
  });
  // A reply sent to spam is remembered like a held one: its author sees it waiting (see asPosterSees).
  if (posted.status === 'held' || posted.status === 'spam') reply.addPendingReplyId(posted.id);
  return posted;
}
