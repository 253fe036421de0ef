import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadArticlePage } from './article-page.present.js';
import { submitReply } from './reply-submission.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { ArticleParams, ArticleQuery, parentIdOf, positiveIntegerOf, ReplyFormBody, rowIdOf } from './reply-form.schema.js';
import { urls } from '../../urls.js';
import { ArticlePage } from '../../views/article-page.js';
import { renderDocument } from '../../views/render.js';
import { bodyLimits } from '../../body-limits.js';
import { pageTags } from '../../plugins/page-cache.js';

/** The article page's content depends on these two, read as its handler reads them: anything else in the query shares the plain page. */
const articleCacheQuery = {
  cpage: (value: string) => positiveIntegerOf(value)?.toString(),
  replytocom: (value: string) => rowIdOf(value)?.toString(),
};

/** The services the article page and its reply form use. */
export const articleNeeds = ['articles', 'replies', 'discussion', 'clock'] as const;

/** The article page and its reply form's plain POST (post/redirect/get to the new reply). */
export async function articleRoutes(app: FastifyInstance, { container, chrome }: RouteDeps<NeedsOf<typeof articleNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/articles/:slug',
    { schema: { params: ArticleParams, querystring: ArticleQuery }, config: { cacheQuery: articleCacheQuery } },
    async (request, reply) => {
      const parentId = rowIdOf(request.query.replytocom) ?? null;
      const replyPage = positiveIntegerOf(request.query.cpage);
      const model = await loadArticlePage(container, chrome, request, request.params.slug, { parentId, replyPage });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .cacheTags([pageTags.article(model.form.articleId)])
        .send(renderDocument(<ArticlePage {...model} />));
    },
  );

  r.post(
    '/articles/:slug/replies',
    {
      schema: { params: ArticleParams, body: ReplyFormBody },
      bodyLimit: bodyLimits.reply,
      config: {
        // A failed post shows the article again with the reader's text and the messages in place.
        htmlErrorPage: async (request, error) => {
          const { slug } = request.params as ArticleParams;
          const body = (request.body ?? {}) as ReplyFormBody;
          const model = await loadArticlePage(container, chrome, request, slug, { body, parentId: parentIdOf(body), error });
          return renderDocument(<ArticlePage {...model} />);
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const posted = await submitReply(container, request, reply, await container.articles.publishedId(slug), request.body);
      return reply.redirect(urls.replyAnchor(slug, posted.id), 303);
    },
  );

  // A GET of the form's address (a reload after an error, a shared link) leads back to the article.
  r.get('/articles/:slug/replies', { schema: { params: ArticleParams } }, async (request, reply) =>
    reply.redirect(`${urls.article(request.params.slug)}#respond`, 303),
  );
}
