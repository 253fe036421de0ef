import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { acceptsReplies, replyCountLabel } from '../../../modules/articles/index.js';
import { buildThreads, presentReply } from '../../../modules/replies/index.js';
import type { EmbedPage } from '../../../modules/embeds/index.js';
import { bodyLimits } from '../../body-limits.js';
import { FORM_TOKEN_MARKER } from '../../form-tokens.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';
import { EmbeddedThread } from '../../views/embedded-thread.js';
import { renderFragment } from '../../views/render.js';
import { replyItemHtml } from '../../views/reply-thread.js';
import { externalPageRepliesFeed } from '../../views/feeds.js';
import { asPosterSees, postReaderReply } from '../reader/reply-submission.js';
import { addPending, readPending } from './embed-state.js';
import { embedCors } from './embed-cors.js';
import { EMBED_API_PREFIX, EmbedError, EmbedReplyBody, PageParams, PostAnswer, ThreadAnswer, ThreadQuery } from './embed.schema.js';

/** The services the embed API uses. */
export const embedNeeds = ['embeds', 'articles', 'replies', 'discussion', 'site', 'clock', 'config'] as const;

/** An external page's thread: the page (when it has one yet), the replies this reader may see, the form. */
async function threadHtml(
  container: RouteDeps<NeedsOf<typeof embedNeeds>>['container'],
  page: EmbedPage | undefined,
  ownIds: readonly number[],
): Promise<string> {
  const [rules, site] = await Promise.all([container.discussion.current(), container.site.current()]);
  const article = page ? await container.articles.findById(page.articleId) : undefined;
  const replies = article ? await container.replies.visibleFor(article.id, ownIds) : [];
  const threads = buildThreads(replies, { maxDepth: rules.threadDepth, order: rules.order, timeZone: site.timeZone });
  const api = `${container.config.siteUrl}${EMBED_API_PREFIX}replies`;
  return renderFragment(
    <EmbeddedThread
      model={{
        countLabel: replyCountLabel(replies.filter((r) => r.status === 'approved').length),
        threads,
        form: {
          articleId: article?.id ?? 0,
          articleSlug: article?.slug ?? '',
          // A page not seen yet takes replies (its first one records it); a known one follows the article rules.
          open: article ? acceptsReplies(article, container.clock.now(), rules.closeAfterDays) : true,
          values: { comment: '', author: '', email: '', url: '', remember: false, notify: false },
          fieldErrors: {},
          requireNameEmail: rules.requireNameEmail,
          addresses: { action: api, api, cancel: '#respond' },
        },
      }}
    />,
  );
}

function feedAddress(siteUrl: string, page: EmbedPage | undefined): string | null {
  return page ? `${siteUrl}${EMBED_API_PREFIX}pages/${page.id}/feed.xml` : null;
}

/**
 * The embed API (issue 15): what `embed.js` asks for, under `/api/v1/embed/`, behind the allow-list
 * (embed-cors.ts) instead of the same-origin check. `GET thread` only reads (a page is recorded
 * with its first reply, so loading pages stores nothing); `POST replies` goes through the one reply
 * writer, with the same rules, bot defence, spam filter and audit trail as the article page.
 */
export async function embedRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof embedNeeds>>): Promise<void> {
  const { container } = deps;

  // The feed is public like every other feed: no Origin needed, so it lives outside the CORS scope.
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    `${EMBED_API_PREFIX}pages/:id/feed.xml`,
    {
      schema: {
        params: PageParams,
        tags: ['embed'],
        summary: 'RSS of an embedded page’s approved replies',
        response: { 200: Type.String({ description: 'RSS 2.0' }), '4xx': EmbedError },
      },
    },
    async (request, reply) => {
      const page = await container.embeds.byId(Number(request.params.id));
      const replies = await container.replies.visibleFor(page.articleId, []);
      const site = await container.site.current();
      const feedSite = {
        siteTitle: site.title,
        siteUrl: container.config.siteUrl,
        description: site.description,
        language: site.language,
      };
      return reply
        .type('application/rss+xml; charset=utf-8')
        .send(await externalPageRepliesFeed(feedSite, page, feedAddress(container.config.siteUrl, page)!, replies, 'rss'));
    },
  );

  await app.register(async (scope) => {
    await scope.register(embedCors, { isAllowed: (origin) => container.embeds.isAllowed(origin) });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    // Preflights are answered by the CORS hook before this runs; CORS plumbing, not part of the documented API.
    r.options(`${EMBED_API_PREFIX}*`, { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());

    r.get(
      `${EMBED_API_PREFIX}thread`,
      {
        schema: {
          querystring: ThreadQuery,
          tags: ['embed'],
          summary: 'An embedded page’s thread and reply form',
          response: { 200: ThreadAnswer, '4xx': EmbedError },
        },
      },
      async (request: FastifyRequest<{ Querystring: ThreadQuery }>, reply) => {
        const page = await container.embeds.findPage(request.embedOrigin, request.query.page_url);
        const html = (await threadHtml(container, page, readPending(app, request.query.pending))).replace(FORM_TOKEN_MARKER, () =>
          app.formTokens.field(),
        );
        return reply.header('cache-control', 'private, no-store').send({
          page: { url: page?.url ?? request.query.page_url, known: page !== undefined, feed: feedAddress(container.config.siteUrl, page) },
          html,
          formToken: app.formTokens.issue(),
        });
      },
    );

    r.post(
      `${EMBED_API_PREFIX}replies`,
      {
        schema: {
          body: EmbedReplyBody,
          tags: ['embed'],
          summary: 'Post a reply to an embedded page',
          response: { 201: PostAnswer, '4xx': EmbedError },
        },
        bodyLimit: bodyLimits.reply,
      },
      async (request, reply) => {
        const body = request.body;
        const page = await container.embeds.pageFor(request.embedOrigin, body.page_url, body.page_title ?? '');
        const posted = asPosterSees(await postReaderReply(container, request, page.articleId, body));
        // Shown as deep as the rules it was posted under thread it (no second read of them).
        const site = await container.site.current();
        const depth = await container.replies.depthOf(posted, posted.threadDepth);
        const view = presentReply(posted, depth, posted.threadDepth, site.timeZone);
        const pending = posted.status === 'held' ? addPending(app, body.pending, posted.id) : (body.pending ?? '');
        return reply
          .code(201)
          .header('cache-control', 'private, no-store')
          .send({
            reply: {
              id: posted.id,
              parentId: posted.parentId,
              status: posted.status,
              html: replyItemHtml(view, '', true),
            },
            message: posted.status === 'held' ? 'Your comment is awaiting moderation.' : 'Thanks, your comment is published.',
            formToken: app.formTokens.issue(),
            pending,
          });
      },
    );
  });
}
