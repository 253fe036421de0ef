import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, Invalid } from '../../../../lib/errors.js';
import { can, atLeast, type ArticleSubject } from '../../../../modules/accounts/index.js';
import { isPublic, type ArticleStatus, type EditableArticle } from '../../../../modules/articles/index.js';
import { adminUrls } from '../../../admin-urls.js';
import {
  draftFromValues,
  emptyValues,
  FormTooLarge,
  memberEditorLimits,
  readEditorSubmission,
  signedOutEditorLimits,
  statusForIntent,
  valuesFromArticle,
  valuesFromFields,
  type EditorSubmission,
  type SentFile,
} from '../../../editor-form.js';
import { assertCsrf, isMemberBrowser } from '../../../plugins/admin-session.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { IdParams, rowId } from '../admin-forms.schema.js';
import { ListQuery, PreviewBodySchema, RevisionParams, SavedQuery } from './articles.schema.js';
import { urls } from '../../../urls.js';
import { renderDocument, renderFragment } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { ArticlesPage } from '../../../views/admin/articles-page.js';
import { EditorPage, type EditorValues } from '../../../views/admin/editor-page.js';
import { PreviewBody } from '../../../views/admin/preview-document.js';
import { RevisionDiffPage, RevisionsPage } from '../../../views/admin/revisions-page.js';
import { previewNotice, revisionDiffs, savedNotices } from './articles.present.js';
import { actorOf, adminChrome, adminErrorChrome, authorize, html, staffOf } from '../admin-context.js';
import { bodyLimits } from '../../../body-limits.js';

function subjectOf(article: Pick<EditableArticle, 'authorId' | 'status'>): ArticleSubject {
  return { authorId: article.authorId, status: article.status };
}

/** The services the editor uses (desk: for the held count in the menu). */
export const articlesNeeds = ['articles', 'editorial', 'media', 'clock', 'config', 'desk'] as const;

/** The editor: article list, new and edit forms (multipart, with the featured image), preview, status actions, revisions. */
export async function articlesRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof articlesNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const maxUploadMb = Math.round((container.config.maxUploadBytes / 1024 / 1024) * 10) / 10;

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { article?: EditableArticle; values: EditorValues; errors?: FormErrors; notice?: string; status?: number },
  ) {
    const actor = actorOf(request)!;
    const subject: ArticleSubject = state.article ? subjectOf(state.article) : { authorId: actor.authorId, status: 'draft' };
    const mediaId = state.values.featuredMediaId ? Number(state.values.featuredMediaId) : undefined;
    const [chrome, sections, featured, revisions] = await Promise.all([
      adminChrome(deps, request, reply),
      container.articles.sections(),
      mediaId ? container.media.find(mediaId) : Promise.resolve(undefined),
      state.article ? container.editorial.revisions(state.article.id) : Promise.resolve([]),
    ]);
    const a = state.article;
    const live = a && isPublic(a, container.clock.now());
    const previewHtml = await previewOf(state.values.body, state.errors);
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <EditorPage
            chrome={chrome}
            {...(a
              ? {
                  article: {
                    id: a.id,
                    status: a.status,
                    slug: a.slug,
                    authorName: a.authorName,
                    revisionCount: revisions.length,
                    updatedAt: a.updatedAt,
                    publishedAt: a.publishedAt,
                    ...(live ? { publicUrl: urls.article(a.slug) } : {}),
                  },
                }
              : {})}
            values={state.values}
            errors={state.errors ?? noErrors}
            previewHtml={previewHtml}
            notice={state.notice}
            canPublish={can(actor, 'article.publish', subject)}
            scheduleLater={statusForIntent('publish', state.values, container.clock.now()) === 'scheduled'}
            now={container.clock.now()}
            canUpload={can(actor, 'media.upload')}
            canUnpublish={can(actor, 'article.unpublish', subject)}
            canTrash={can(actor, 'article.trash', subject)}
            {...(featured ? { featured } : {})}
            sections={sections.map((s) => s.name)}
            maxUploadMb={maxUploadMb}
          />,
        ),
      );
  }

  /**
   * The preview panel's HTML. Not formatted again when the body was just refused (too long, too slow
   * to format): that would spend the same seconds twice to reach the same answer.
   */
  async function previewOf(body: string, errors?: FormErrors): Promise<string> {
    if (errors?.fields.body) return previewNotice('The preview appears once the problem with the text is fixed.');
    try {
      return await container.editorial.preview(body);
    } catch (error) {
      if (error instanceof DomainError) return previewNotice(error.message);
      throw error;
    }
  }

  /**
   * The editor form for a save that arrived without a session: the text, and how to sign in again.
   * Nothing is formatted for a request without a session (issue 7: an anonymous preview froze the
   * server); the preview comes back once the author is signed in.
   */
  async function renderSignedOut(request: FastifyRequest, reply: FastifyReply, values: EditorValues, articleId?: number) {
    const chrome = await adminErrorChrome(deps, request);
    return reply
      .code(401)
      .type(html)
      .send(
        renderDocument(
          <EditorPage
            chrome={chrome}
            values={values}
            errors={noErrors}
            previewHtml={previewNotice('Sign in again to see the preview.')}
            canPublish
            canUpload={false}
            canUnpublish={false}
            canTrash={false}
            sections={[]}
            maxUploadMb={maxUploadMb}
            signedOut={articleId !== undefined ? { articleId } : {}}
          />,
        ),
      );
  }

  /** Saves a new or existing article from the editor's multipart form; a refused save keeps every field. */
  async function save(request: FastifyRequest, reply: FastifyReply, existing?: EditableArticle) {
    // The session was checked before the body (admin-session.ts); its limits depend on it.
    const limits = request.staff
      ? memberEditorLimits(container.config.maxUploadBytes)
      : signedOutEditorLimits(isMemberBrowser(request), container.config.maxUploadBytes);
    let submission: EditorSubmission;
    try {
      submission = await readEditorSubmission(request, limits);
    } catch (error) {
      // The rest of the body is not read just to be discarded.
      if (error instanceof FormTooLarge) reply.header('connection', 'close');
      throw error;
    }
    const values = valuesFromFields(submission.fields);
    // A session that ended while the author wrote must not cost the text: the form comes back.
    if (!request.staff) {
      reply.header('connection', 'close');
      return renderSignedOut(request, reply, values, existing?.id);
    }
    try {
      assertCsrf(request, submission.fields._csrf);
    } catch {
      // Typically: signed in again in another tab since the form was opened. Nothing is saved;
      // the form comes back with this session's token, so one more click saves it.
      return renderEditor(request, reply, {
        article: existing,
        values,
        status: 403,
        errors: {
          fields: {},
          form: 'This form was opened in an earlier session, so nothing was saved. Check the text below and save again.',
        },
      });
    }
    const actor = actorOf(request)!;
    const { user } = staffOf(request);
    if (existing) authorize(request, 'article.edit', subjectOf(existing));
    else authorize(request, 'article.create');
    if (submission.tooLarge) {
      const field = submission.tooLargeField ?? 'image';
      return renderEditor(request, reply, {
        article: existing,
        values,
        status: 413,
        errors: {
          fields: { [field]: `The image is too large: the limit is ${maxUploadMb} MB. Nothing was saved yet; your text is kept below.` },
        },
      });
    }
    const intent = submission.fields.intent;
    if (intent === 'preview') return renderEditor(request, reply, { article: existing, values });
    if (intent === 'insert-image') return placeImage(request, reply, { existing, values, file: submission.inlineImage });
    values.status = statusForIntent(intent === 'publish' || intent === 'draft' ? intent : 'save', values, container.clock.now());
    const subject: ArticleSubject = existing ? subjectOf(existing) : { authorId: actor.authorId, status: 'draft' };
    if (values.status !== 'draft') authorize(request, 'article.publish', subject);
    return submitForm(
      async () => {
        if (submission.image) {
          authorize(request, 'media.upload');
          const media = await container.media.upload(submission.image.bytes, submission.image.filename, user.id);
          // Kept in the form from here on, so a later refusal does not lose the upload.
          values.featuredMediaId = String(media.id);
        }
        const editor = { id: user.id, name: user.name, authorId: user.authorId };
        const draft = draftFromValues(values);
        let id: number;
        if (existing) {
          await container.editorial.update(existing.id, draft, editor);
          id = existing.id;
        } else {
          id = await container.editorial.create(draft, editor);
        }
        const saved = draft.status === 'draft' ? 'draft' : existing?.status === draft.status ? 'updated' : draft.status;
        return { id, saved };
      },
      {
        done: ({ id, saved }) => reply.redirect(`${adminUrls.editArticle(id)}?saved=${saved}`, 303),
        refused: ({ status, errors }) => renderEditor(request, reply, { article: existing, values, errors, status }),
      },
      // Not the text's fault: the role's limits and an article deleted meanwhile get the error page.
      { toErrorPage: ['forbidden', 'not_found'] },
    );
  }

  /**
   * The editor without JavaScript: uploads the image chosen for the text and adds its Markdown
   * at the end of the text, then shows the form again, nothing saved yet (a refusal says why, next
   * to the field, and keeps everything typed).
   */
  async function placeImage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { existing: EditableArticle | undefined; values: EditorValues; file: SentFile | undefined },
  ) {
    const { existing, values, file } = state;
    authorize(request, 'media.upload');
    return submitForm(
      async () => {
        if (!file) throw new Invalid('Choose an image to place in the text.', 'inlineImage');
        try {
          return await container.media.uploadForText(file.bytes, file.filename, values.alt, staffOf(request).user.id);
        } catch (error) {
          // The media service names its file `image`; here that is the text's image, not the featured one.
          if (error instanceof Invalid && error.field === 'image') throw new Invalid(error.message, 'inlineImage');
          throw error;
        }
      },
      {
        done: ({ markdown }) =>
          renderEditor(request, reply, {
            article: existing,
            values: { ...values, alt: '', body: `${values.body.trimEnd()}\n\n${markdown}\n` },
            notice: 'The image is at the end of the text. Move its line where it belongs, then save.',
          }),
        refused: ({ status, errors }) => renderEditor(request, reply, { article: existing, values, errors, status }),
      },
      { toErrorPage: ['forbidden'] },
    );
  }

  r.get('/articles', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const actor = actorOf(request)!;
    const mine = !atLeast(actor, 'editor');
    const status = (request.query.status || undefined) as ArticleStatus | undefined;
    const authorId = mine ? actor.authorId : undefined;
    const [chrome, articles, counts] = await Promise.all([
      adminChrome(deps, request, reply),
      container.editorial.list({ status, authorId }),
      container.editorial.counts(authorId),
    ]);
    return reply
      .type(html)
      .send(renderDocument(<ArticlesPage chrome={chrome} status={status ?? ''} counts={counts} articles={articles} mine={mine} />));
  });

  r.get('/articles/new', async (request, reply) => {
    authorize(request, 'article.create');
    return renderEditor(request, reply, { values: emptyValues() });
  });

  r.post('/articles', { config: { multipart: true } }, async (request, reply) => save(request, reply));

  r.post('/articles/preview', { schema: { body: PreviewBodySchema }, bodyLimit: bodyLimits.preview }, async (request, reply) => {
    authorize(request, 'article.create');
    const { headline = '', dek = '', body = '' } = request.body;
    const inner = renderFragment(<PreviewBody headline={headline} dek={dek} html={await container.editorial.preview(body)} />);
    return reply.send({ html: inner });
  });

  r.get('/articles/:id/edit', { schema: { params: IdParams, querystring: SavedQuery } }, async (request, reply) => {
    const article = await container.editorial.get(rowId(request.params.id));
    authorize(request, 'article.edit', subjectOf(article));
    return renderEditor(request, reply, {
      article,
      values: valuesFromArticle(article),
      notice: request.query.saved ? savedNotices[request.query.saved] : undefined,
    });
  });

  r.post('/articles/:id', { schema: { params: IdParams }, config: { multipart: true } }, async (request, reply) => {
    const article = await container.editorial.get(rowId(request.params.id));
    return save(request, reply, article);
  });

  for (const action of ['unpublish', 'trash', 'restore'] as const) {
    r.post(`/articles/:id/${action}`, { schema: { params: IdParams } }, async (request, reply) => {
      const article = await container.editorial.get(rowId(request.params.id));
      authorize(request, action === 'unpublish' ? 'article.unpublish' : 'article.trash', subjectOf(article));
      const { user } = staffOf(request);
      await container.editorial[action](article.id, { id: user.id, name: user.name, authorId: user.authorId });
      const target =
        action === 'trash' ? `${adminUrls.articles({ status: 'trash' })}` : `${adminUrls.editArticle(article.id)}?saved=${action}`;
      return reply.redirect(target, 303);
    });
  }

  r.get('/articles/:id/revisions', { schema: { params: IdParams } }, async (request, reply) => {
    const article = await container.editorial.get(rowId(request.params.id));
    authorize(request, 'article.edit', subjectOf(article));
    const [chrome, revisions] = await Promise.all([adminChrome(deps, request, reply), container.editorial.revisions(article.id)]);
    return reply
      .type(html)
      .send(renderDocument(<RevisionsPage chrome={chrome} articleId={article.id} headline={article.headline} revisions={revisions} />));
  });

  r.get('/articles/:id/revisions/:rev', { schema: { params: RevisionParams } }, async (request, reply) => {
    const article = await container.editorial.get(rowId(request.params.id));
    authorize(request, 'article.edit', subjectOf(article));
    const [chrome, revision] = await Promise.all([
      adminChrome(deps, request, reply),
      container.editorial.revision(article.id, rowId(request.params.rev)),
    ]);
    const diffs = await revisionDiffs(revision, article);
    return reply
      .type(html)
      .send(
        renderDocument(
          <RevisionDiffPage
            chrome={chrome}
            articleId={article.id}
            revision={revision}
            diffs={diffs}
            canRestore={can(actorOf(request), 'article.edit', subjectOf(article))}
          />,
        ),
      );
  });

  r.post('/articles/:id/revisions/:rev/restore', { schema: { params: RevisionParams } }, async (request, reply) => {
    const article = await container.editorial.get(rowId(request.params.id));
    authorize(request, 'article.edit', subjectOf(article));
    const { user } = staffOf(request);
    await container.editorial.restoreRevision(article.id, rowId(request.params.rev), {
      id: user.id,
      name: user.name,
      authorId: user.authorId,
    });
    return reply.redirect(`${adminUrls.editArticle(article.id)}?saved=revision`, 303);
  });
}
