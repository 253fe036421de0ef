import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Invalid } from '../../../../lib/errors.js';
import type { Article } from '../../../../modules/articles/index.js';
import { linkableWebsite, type Reply } from '../../../../modules/replies/index.js';
import { bodyLimits } from '../../../body-limits.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { urls } from '../../../urls.js';
import { asPosterSees, submitReply } from '../../reader/reply-submission.js';
import { ReplyFormBody } from '../../reader/reply-form.schema.js';
import {
  ArticleList,
  ArticleListQuery,
  errors,
  PostedReply,
  ReplyThread,
  SearchQueryParams,
  SearchResults,
  SlugParams,
  type ThreadReply,
} from './api-v1.schema.js';
import { Type } from '@sinclair/typebox';
import { isRowId } from '../../../../lib/row-id.js';

/** Articles per page of the list when the caller does not say, and the most it may ask for. */
export const ARTICLE_PAGE = { defaultLimit: 20, maxLimit: 100 } as const;

/** The JSON of an article in a list (row → JSON explicitly: renaming a column must not change the API). */
function summaryJson(a: Article, siteUrl: string) {
  return {
    id: a.id,
    slug: a.slug,
    headline: a.headline,
    dek: a.dek,
    url: `${siteUrl}${urls.article(a.slug)}`,
    publishedAt: (a.publishedAt ?? a.updatedAt).toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    author: { slug: a.author.slug, name: a.author.name },
    section: { slug: a.section.slug, name: a.section.name },
    tags: a.tags.map((t) => ({ slug: t.slug, name: t.name })),
    replyCount: a.replyCount,
    repliesOpen: a.repliesOpen,
  };
}

/** The opaque `after` cursor: base64url of the last article's publication time and id. */
function encodeCursor(a: Article): string {
  return Buffer.from(JSON.stringify([a.publishedAt!.toISOString(), a.id])).toString('base64url');
}

function decodeCursor(value: string): { publishedAt: Date; id: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && isRowId(parsed[1])) {
      const publishedAt = new Date(parsed[0]);
      if (!Number.isNaN(publishedAt.getTime())) return { publishedAt, id: parsed[1] };
    }
  } catch {
    // Not ours: answered below.
  }
  throw new Invalid('The "after" cursor is not one this API gave out. Start again without it.', 'after');
}

function dateParam(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Invalid(`"${field}" must be a date and time such as 2026-01-05T10:00:00Z.`, field);
  return d;
}

/** Nests approved replies under their parents; an answer whose parent is not public is not shown (as on the page). */
export function threadOf(replies: readonly Reply[]): ThreadReply[] {
  const nodes = new Map<number, ThreadReply>();
  for (const r of replies)
    nodes.set(r.id, {
      id: r.id,
      author: { name: r.authorName, url: linkableWebsite(r.authorUrl) },
      text: r.body,
      createdAt: r.createdAt.toISOString(),
      replies: [],
    });
  const top: ThreadReply[] = [];
  for (const r of replies) {
    const node = nodes.get(r.id)!;
    if (r.parentId === null) top.push(node);
    else nodes.get(r.parentId)?.replies.push(node);
  }
  return top;
}

/** The services the public part of the API reads. */
export const publicApiNeeds = ['articles', 'replies', 'config', 'search'] as const;

/** /api/v1's public reads, and posting a reply (the same path and rules as the form). */
export async function publicApiRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof publicApiNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { siteUrl } = container.config;

  r.get(
    '/articles',
    {
      schema: {
        tags: ['articles'],
        summary: 'Published articles, newest first',
        description: 'Cursor-paged: follow `page.next` (also sent as a `Link: rel="next"` header) until it is null.',
        querystring: ArticleListQuery,
        response: { 200: ArticleList, ...errors(400, 401, 422) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const limit = Math.min(Number(q.limit ?? ARTICLE_PAGE.defaultLimit), ARTICLE_PAGE.maxLimit);
      const since = dateParam(q.since, 'since');
      const until = dateParam(q.until, 'until');
      const before = q.after === undefined ? undefined : decodeCursor(q.after);
      // One more than asked says whether there is a next page without a count.
      const found = await container.articles.latest({
        limit: limit + 1,
        ...(q.section ? { sectionSlug: q.section } : {}),
        ...(q.tag ? { tagSlug: q.tag } : {}),
        ...(q.author ? { authorSlug: q.author } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
        ...(before ? { before } : {}),
      });
      const articles = found.slice(0, limit);
      let next: string | null = null;
      if (found.length > limit) {
        const params = new URLSearchParams(
          Object.entries(q).filter(([k, v]) => k !== 'after' && typeof v === 'string') as [string, string][],
        );
        params.set('after', encodeCursor(articles[articles.length - 1]!));
        next = `/api/v1/articles?${params.toString()}`;
        reply.header('link', `<${next}>; rel="next"`);
      }
      return { articles: articles.map((a) => summaryJson(a, siteUrl)), page: { limit, next } };
    },
  );

  r.get(
    '/articles/:slug',
    {
      schema: {
        tags: ['articles'],
        summary: 'One published article',
        params: SlugParams,
        response: { 200: Type.Ref('Article'), ...errors(401, 404) },
      },
    },
    async (request) => {
      const a = await container.articles.getPublished(request.params.slug);
      return { ...summaryJson(a, siteUrl), bodyHtml: a.bodyHtml };
    },
  );

  r.get(
    '/search',
    {
      schema: {
        tags: ['articles'],
        summary: 'Published articles matching words or "quoted phrases", best first (headline over body, newer on ties)',
        querystring: SearchQueryParams,
        response: { 200: SearchResults, ...errors(400, 401) },
      },
    },
    async (request) => {
      // Query strings are strings here (as in the article list); the service clamps the numbers to its ranges.
      const { q, page, perPage } = request.query;
      const found = await container.search.articles(q, {
        ...(page ? { page: Number(page) } : {}),
        ...(perPage ? { perPage: Number(perPage) } : {}),
      });
      return {
        query: found.query,
        page: found.page,
        perPage: found.perPage,
        hasMore: found.hasMore,
        hits: found.hits.map((h) => ({
          slug: h.slug,
          url: `${siteUrl}${urls.article(h.slug)}`,
          headline: h.headline,
          headlineHtml: h.headlineHtml,
          dekHtml: h.dekHtml,
          snippetHtml: h.snippetHtml,
          section: { slug: h.section.slug, name: h.section.name },
          author: { name: h.bylineName },
          publishedAt: h.publishedAt.toISOString(),
        })),
      };
    },
  );

  r.get(
    '/sections',
    {
      schema: {
        tags: ['articles'],
        summary: 'Sections, in navigation order',
        response: { 200: Type.Object({ sections: Type.Array(Type.Ref('Section')) }), ...errors(401) },
      },
    },
    async () => ({ sections: (await container.articles.sections()).map((s) => ({ slug: s.slug, name: s.name })) }),
  );

  r.get(
    '/tags',
    {
      schema: {
        tags: ['articles'],
        summary: 'Tags carried by published articles',
        response: { 200: Type.Object({ tags: Type.Array(Type.Ref('Tag')) }), ...errors(401) },
      },
    },
    async () => ({ tags: (await container.articles.tags()).map((t) => ({ slug: t.slug, name: t.name })) }),
  );

  r.get(
    '/articles/:slug/replies',
    {
      schema: {
        tags: ['replies'],
        summary: "An article's approved replies, as a thread",
        params: SlugParams,
        response: { 200: ReplyThread, ...errors(401, 404) },
      },
    },
    async (request) => {
      const article = await container.articles.getPublished(request.params.slug);
      const approved = (await container.replies.visibleFor(article.id, [])).filter((x) => x.status === 'approved');
      return { article: { slug: article.slug, headline: article.headline }, count: approved.length, replies: threadOf(approved) };
    },
  );

  r.post(
    '/articles/:slug/replies',
    {
      schema: {
        tags: ['replies'],
        summary: 'Post a reply',
        description:
          "The reply form's fields and rules (WordPress's names: comment, author, email, url, comment_parent). A reply may be held for moderation; its status says so.",
        params: SlugParams,
        body: ReplyFormBody,
        response: { 201: PostedReply, ...errors(400, 401, 403, 404, 409, 413, 422, 429) },
      },
      bodyLimit: bodyLimits.reply,
    },
    async (request, reply) => {
      const article = await container.articles.getPublished(request.params.slug);
      const posted = asPosterSees(await submitReply(container, request, reply, article.id, request.body));
      return reply.code(201).send({
        reply: {
          id: posted.id,
          parentId: posted.parentId,
          status: posted.status,
          url: `${siteUrl}${urls.replyAnchor(article.slug, posted.id)}`,
        },
        message: posted.status === 'held' ? 'Your comment is awaiting moderation.' : 'Thanks, your comment is published.',
      });
    },
  );
}
