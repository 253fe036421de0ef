import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Invalid } from '../../../../lib/errors.js';
import type { ArticleSubject } from '../../../../modules/accounts/index.js';
import type { ArticleDraft, EditableArticle } from '../../../../modules/articles/index.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import {
  ArticleWrite,
  DeskReplyList,
  DeskReplyQuery,
  errors,
  IdParams,
  ModerateBody,
  ModerateResult,
  PublishBody,
} from './api-v1.schema.js';
import { authorizeApi, memberOf } from './api-access.js';

const security = [{ bearer: [] }];
const subjectOf = (a: Pick<EditableArticle, 'authorId' | 'status'>): ArticleSubject => ({ authorId: a.authorId, status: a.status });

function editableJson(a: EditableArticle) {
  return {
    id: a.id,
    slug: a.slug,
    headline: a.headline,
    dek: a.dek,
    bodyMarkdown: a.bodyMarkdown,
    section: a.section,
    tags: a.tags,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    repliesOpen: a.repliesOpen,
    author: a.authorName,
    updatedAt: a.updatedAt.toISOString(),
  };
}

function timeOf(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Invalid('"publishAt" must be a date and time such as 2026-01-05T10:00:00Z.', 'publishAt');
  return d;
}

/** The editor's draft from what a program sent; unsent fields keep the article's current values. */
function draftOf(body: ArticleWrite, existing?: EditableArticle): ArticleDraft {
  const publishAt = timeOf(body.publishAt) ?? (existing?.status === 'scheduled' ? existing.publishedAt : null);
  const keep = existing && existing.status !== 'trash' ? existing.status : 'draft';
  return {
    headline: body.headline,
    dek: body.dek ?? existing?.dek ?? '',
    slug: body.slug ?? existing?.slug ?? '',
    bodyMarkdown: body.bodyMarkdown,
    section: body.section,
    tags: body.tags ?? existing?.tags ?? [],
    status: body.status ?? (keep as ArticleDraft['status']),
    publishAt,
    repliesOpen: body.repliesOpen ?? existing?.repliesOpen ?? true,
    featuredMediaId: existing?.featuredMediaId ?? null,
    featuredAlt: existing?.featuredAlt ?? '',
  };
}

/** The services the newsroom part of the API uses. */
export const newsroomApiNeeds = ['editorial', 'desk', 'clock'] as const;

/**
 * /api/v1/newsroom: what members do in the newsroom, for their programs. Every route asks the
 * accounts policy (`can`) exactly as the newsroom's forms do, and writes through the same services.
 */
export async function newsroomApiRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof newsroomApiNeeds>>): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const article200 = { 200: Type.Ref('EditableArticle'), ...errors(400, 401, 403, 404, 409, 422) };

  r.get(
    '/newsroom/articles/:id',
    { schema: { tags: ['newsroom'], summary: 'An article as the editor sees it', security, params: IdParams, response: article200 } },
    async (request) => {
      const actor = memberOf(request, 'read');
      const article = await container.editorial.get(Number(request.params.id));
      authorizeApi(actor, 'article.edit', subjectOf(article));
      return editableJson(article);
    },
  );

  r.post(
    '/newsroom/articles',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Create an article (a draft, or published or scheduled when the role allows)',
        security,
        body: ArticleWrite,
        response: { 201: Type.Ref('EditableArticle'), ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request, 'write');
      authorizeApi(actor, 'article.create');
      const draft = draftOf(request.body);
      if (draft.status !== 'draft') authorizeApi(actor, 'article.publish', { authorId: actor.authorId, status: 'draft' });
      const id = await container.editorial.create(draft, actor);
      return reply.code(201).send(editableJson(await container.editorial.get(id)));
    },
  );

  r.put(
    '/newsroom/articles/:id',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Change an article (unsent optional fields keep their values; the status too)',
        security,
        params: IdParams,
        body: ArticleWrite,
        response: article200,
      },
    },
    async (request) => {
      const actor = memberOf(request, 'write');
      const existing = await container.editorial.get(Number(request.params.id));
      authorizeApi(actor, 'article.edit', subjectOf(existing));
      const draft = draftOf(request.body, existing);
      if (draft.status !== 'draft') authorizeApi(actor, 'article.publish', subjectOf(existing));
      await container.editorial.update(existing.id, draft, actor);
      return editableJson(await container.editorial.get(existing.id));
    },
  );

  r.post(
    '/newsroom/articles/:id/publish',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Publish an article now, or schedule it with a future publishAt',
        security,
        params: IdParams,
        body: PublishBody,
        response: article200,
      },
    },
    async (request) => {
      const actor = memberOf(request, 'write');
      const existing = await container.editorial.get(Number(request.params.id));
      authorizeApi(actor, 'article.edit', subjectOf(existing));
      authorizeApi(actor, 'article.publish', subjectOf(existing));
      const at = timeOf(request.body?.publishAt);
      const later = at !== null && at.getTime() > container.clock.now().getTime();
      const draft: ArticleDraft = {
        ...draftOf({ headline: existing.headline, bodyMarkdown: existing.bodyMarkdown, section: existing.section }, existing),
        status: later ? 'scheduled' : 'published',
        publishAt: later ? at : null,
      };
      await container.editorial.update(existing.id, draft, actor);
      return editableJson(await container.editorial.get(existing.id));
    },
  );

  r.post(
    '/newsroom/articles/:id/unpublish',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Take an article off the site (back to draft)',
        security,
        params: IdParams,
        response: article200,
      },
    },
    async (request) => {
      const actor = memberOf(request, 'write');
      const existing = await container.editorial.get(Number(request.params.id));
      authorizeApi(actor, 'article.unpublish', subjectOf(existing));
      await container.editorial.unpublish(existing.id, actor);
      return editableJson(await container.editorial.get(existing.id));
    },
  );

  r.get(
    '/newsroom/replies',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Replies by status for moderators (held by default), newest first',
        security,
        querystring: DeskReplyQuery,
        response: { 200: DeskReplyList, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = memberOf(request, 'read');
      authorizeApi(actor, 'replies.moderate');
      const list = await container.desk.list({ status: request.query.status ?? 'held', limit: 100 });
      return {
        replies: list.map((d) => ({
          id: d.id,
          articleSlug: d.article.slug,
          parentId: d.parentId,
          author: d.authorName,
          text: d.body,
          status: d.status,
          createdAt: d.createdAt.toISOString(),
        })),
      };
    },
  );

  r.post(
    '/newsroom/replies/:id/moderate',
    {
      schema: {
        tags: ['newsroom'],
        summary: 'Approve, hold, mark as spam or trash a reply',
        security,
        params: IdParams,
        body: ModerateBody,
        response: { 200: ModerateResult, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const actor = memberOf(request, 'write');
      authorizeApi(actor, 'replies.moderate');
      const id = Number(request.params.id);
      await container.desk.detail(id);
      const changed = await container.desk.moderate([id], request.body.action, request.body.reason ?? '', {
        id: actor.id,
        name: actor.name,
      });
      return { id, changed: changed > 0 };
    },
  );
}
