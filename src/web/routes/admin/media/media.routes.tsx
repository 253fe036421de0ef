import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Invalid, NotFound } from '../../../../lib/errors.js';
import { can } from '../../../../modules/accounts/index.js';
import { checkAlt, imageMarkdown } from '../../../../modules/media/index.js';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import { readMediaUpload } from '../../../media-upload-form.js';
import { assertCsrf } from '../../../plugins/admin-session.js';
import { wantsJson } from '../../../plugins/errors.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { MediaPage, type MediaPageModel } from '../../../views/admin/media-page.js';
import { renderDocument } from '../../../views/render.js';
import { rowId } from '../admin-forms.schema.js';
import { actorOf, adminChrome, authorize, html, staffOf } from '../admin-context.js';
import { MediaQuery } from './media.schema.js';

/** The services the media library uses (desk: for the held count in the menu). */
export const mediaNeeds = ['media', 'config', 'desk'] as const;

/** Images shown on one page of the library. */
const PAGE_SIZE = 40;

/**
 * The media library (browse and reuse uploaded images) and the upload of an image for an
 * article's text: from the library's form, or from the editor's script (paste, drop, or the file
 * field), which asks for JSON and gets the Markdown to insert.
 */
export async function mediaRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof mediaNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const maxBytes = container.config.maxUploadBytes;
  const maxUploadMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  async function renderLibrary(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { before?: number; picked?: MediaPageModel['picked']; alt?: string; errors?: FormErrors; notice?: string; status?: number },
  ) {
    const [chrome, page] = await Promise.all([
      adminChrome(deps, request, reply),
      container.media.list({ limit: PAGE_SIZE + 1, ...(state.before !== undefined ? { beforeId: state.before } : {}) }),
    ]);
    const images = page.slice(0, PAGE_SIZE);
    const olderThan = page.length > PAGE_SIZE ? images[images.length - 1]!.id : undefined;
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <MediaPage
            chrome={chrome}
            images={images}
            {...(olderThan !== undefined ? { olderThan } : {})}
            canUpload={can(actorOf(request), 'media.upload')}
            maxUploadMb={maxUploadMb}
            {...(state.picked ? { picked: state.picked } : {})}
            alt={state.alt ?? ''}
            errors={state.errors ?? noErrors}
            notice={state.notice}
          />,
        ),
      );
  }

  r.get('/media', { schema: { querystring: MediaQuery } }, async (request, reply) => {
    // Everyone who writes may browse and reuse (a contributor places images an editor uploaded).
    authorize(request, 'article.create');
    const { before, pick, alt } = request.query;
    const beforeId = before !== undefined ? rowId(before) : undefined;
    if (pick === undefined) return renderLibrary(request, reply, beforeId !== undefined ? { before: beforeId } : {});
    return submitForm(
      async () => {
        const media = await container.media.find(rowId(pick));
        if (!media) throw new NotFound('That image is no longer in the library.');
        return { media, markdown: imageMarkdown(media, checkAlt(alt)) };
      },
      {
        done: (picked) => renderLibrary(request, reply, { picked }),
        refused: ({ status, errors }) => renderLibrary(request, reply, { errors, status }),
      },
    );
  });

  r.post('/media', { config: { multipart: true } }, async (request, reply) => {
    const upload = await readMediaUpload(request, maxBytes);
    assertCsrf(request, upload.fields._csrf);
    authorize(request, 'media.upload');
    const alt = upload.fields.alt ?? '';
    const json = wantsJson(request);
    return submitForm(
      async () => {
        if (upload.tooLarge) {
          // Answered 413 below; the description typed goes back into the form.
          throw new Invalid(`The image is too large: the limit is ${maxUploadMb} MB. Choose a smaller file.`, 'image');
        }
        // The description first: nothing is stored for an image that could not be described.
        checkAlt(alt);
        if (!upload.file) throw new Invalid('Choose an image file to upload.', 'image');
        return container.media.uploadForText(upload.file.bytes, upload.file.filename, alt, staffOf(request).user.id);
      },
      {
        done: ({ media, markdown }) =>
          json
            ? reply.code(201).send({ id: media.id, markdown, width: media.width, height: media.height })
            : reply.redirect(`${adminUrls.media()}?pick=${media.id}&alt=${encodeURIComponent(alt)}`, 303),
        refused: ({ status, errors, message }) => {
          const code = upload.tooLarge ? 413 : status;
          if (json) {
            const field = Object.keys(errors.fields)[0];
            return reply.code(code).send({ error: { code: code === 413 ? 'too_large' : 'invalid', message, ...(field ? { field } : {}) } });
          }
          return renderLibrary(request, reply, { alt, errors, status: code });
        },
      },
      { toErrorPage: ['forbidden'] },
    );
  });
}
