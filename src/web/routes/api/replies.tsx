import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { presentReply } from '../../../modules/replies/index.js';
import { submitReply } from '../../reply-submission.js';
import type { RouteDeps } from '../../route-deps.js';
import { ArticleParams, ReplyFormBody } from '../../schemas/reply-form.schema.js';
import { urls } from '../../urls.js';
import { renderFragment } from '../../views/render.js';
import { ReplyItem } from '../../views/reply-thread.js';

/** JSON for one public reply: never the email, the address or the browser. */
function publicReplyJson(r: { id: number; parentId: number | null; authorName: string; authorUrl: string; body: string; createdAt: Date; status: string }) {
  return {
    id: r.id,
    parentId: r.parentId,
    author: { name: r.authorName, url: r.authorUrl || null },
    text: r.body,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The replies JSON API; the enhanced reply form posts here. */
export async function replyApiRoutes(app: FastifyInstance, { container }: RouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/articles/:slug/replies', { schema: { params: ArticleParams } }, async (request) => {
    const article = await container.articles.getPublished(request.params.slug);
    const replies = await container.replies.visibleFor(article.id, []);
    return { article: { slug: article.slug, headline: article.headline }, replies: replies.map(publicReplyJson) };
  });

  r.post('/api/articles/:slug/replies', { schema: { params: ArticleParams, body: ReplyFormBody } }, async (request, reply) => {
    const article = await container.articles.getPublished(request.params.slug);
    const posted = await submitReply(container, request, reply, article.id, request.body);
    const rules = await container.settings.discussion();
    const depth = await container.replies.depthOf(posted, rules.threadDepth);
    const view = presentReply(posted, depth, rules.threadDepth);
    return reply.code(201).send({
      reply: {
        ...publicReplyJson(posted),
        anchor: view.anchor,
        url: urls.replyAnchor(article.slug, posted.id),
        html: renderFragment(<ReplyItem reply={view} articleSlug={article.slug} />),
      },
      message: posted.status === 'held' ? 'Your comment is awaiting moderation.' : 'Thanks, your comment is published.',
    });
  });
}
