import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Invalid } from '../../../lib/errors.js';
import { linkableWebsite, presentReply, type ReplyCursor } from '../../../modules/replies/index.js';
import { asPosterSees, submitReply } from '../reader/reply-submission.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams, ReplyFormBody } from '../reader/reply-form.schema.js';
import { urls } from '../../urls.js';
import { replyItemHtml } from '../../views/reply-thread.js';
import { bodyLimits } from '../../body-limits.js';
import { isRowId } from '../../../lib/row-id.js';

/** JSON for one public reply: never the email, the address or the browser. */
function publicReplyJson(r: {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  body: string;
  createdAt: Date;
  status: string;
}) {
  return {
    id: r.id,
    parentId: r.parentId,
    author: { name: r.authorName, url: linkableWebsite(r.authorUrl) },
    text: r.body,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Replies per page of the API when the caller does not say, and the most it may ask for. */
export const API_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;

const PageQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
  after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$' })),
});

/** The opaque `after` value for a cursor: base64url of JSON, so callers pass it back without reading it. */
function encodeCursor(cursor: ReplyCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(value: string): ReplyCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (typeof createdAt === 'string' && createdAt.length <= 40 && isRowId(id)) return { createdAt, id };
    }
  } catch {
    // Not JSON: answered below like any other cursor we did not make.
  }
  throw new Invalid('The "after" cursor is not one this API gave out. Start again without it.', 'after');
}

/** The replies JSON API; the enhanced reply form posts here. */
/** The services the replies API uses. */
export const replyApiNeeds = ['articles', 'replies', 'discussion', 'site'] as const;

export async function replyApiRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof replyApiNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Paged: a thread of thousands of replies must not become one answer of megabytes (issue 7).
  r.get('/api/articles/:slug/replies', { schema: { params: ArticleParams, querystring: PageQuery } }, async (request, reply) => {
    const limit = Math.min(Number(request.query.limit ?? API_PAGE.defaultLimit), API_PAGE.maxLimit);
    const after = request.query.after === undefined ? undefined : decodeCursor(request.query.after);
    const article = await container.articles.getPublished(request.params.slug);
    const page = await container.replies.approvedPage(article.id, { limit, ...(after ? { after } : {}) });
    const next = page.next
      ? `/api/articles/${encodeURIComponent(article.slug)}/replies?limit=${limit}&after=${encodeCursor(page.next)}`
      : null;
    if (next) reply.header('link', `<${next}>; rel="next"`);
    return {
      article: { slug: article.slug, headline: article.headline },
      replies: page.replies.map(publicReplyJson),
      // `next` is the address of the following page (null on the last); `limit` what this page was cut at.
      page: { limit, maxLimit: API_PAGE.maxLimit, next },
    };
  });

  r.post(
    '/api/articles/:slug/replies',
    { schema: { params: ArticleParams, body: ReplyFormBody }, bodyLimit: bodyLimits.reply },
    async (request, reply) => {
      const { slug } = request.params;
      const posted = asPosterSees(await submitReply(container, request, reply, await container.articles.publishedId(slug), request.body));
      // Shown as deep as the rules it was posted under thread it (no second read of them).
      const site = await container.site.current();
      const depth = await container.replies.depthOf(posted, posted.threadDepth);
      const view = presentReply(posted, depth, posted.threadDepth, site.timeZone);
      return reply.code(201).send({
        reply: {
          ...publicReplyJson(posted),
          anchor: view.anchor,
          url: urls.replyAnchor(slug, posted.id),
          html: replyItemHtml(view, slug),
        },
        message: posted.status === 'held' ? 'Your comment is awaiting moderation.' : 'Thanks, your comment is published.',
        // The form's next post needs a token of its own: this one is used.
        formToken: request.server.formTokens.issue(),
      });
    },
  );
}
