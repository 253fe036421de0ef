import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { submitForm } from '../../../form-submission.js';
import { sendPersonalData } from '../../../personal-data-download.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors } from '../../../views/admin/admin-fields.js';
import { PrivacyDeskPage, type PrivacyDeskModel } from '../../../views/admin/privacy-desk-page.js';
import { Form } from '../admin-forms.schema.js';
import { adminChrome, auditActor, authorize, html } from '../admin-context.js';

/** The services the desk's privacy page uses (desk: the held count in the menu). */
export const privacyDeskNeeds = ['privacy', 'discussion', 'desk'] as const;

// Generous, so an over-long address gets the form's message with the text kept.
const EmailBody = Form({ email: Type.String({ maxLength: 4000 }), confirm: Type.String({ maxLength: 5 }) });

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A commenter's data on the desk (issue 13): a moderator looks an address up, exports it or erases
 * it, as a reader's verified link would. Addresses travel in POST bodies only, never in a URL.
 */
export async function privacyDeskRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof privacyDeskNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function render(request: FastifyRequest, reply: FastifyReply, model: Omit<PrivacyDeskModel, 'erasureMode'>, status = 200) {
    const [chrome, settings] = await Promise.all([adminChrome(deps, request, reply), container.discussion.current()]);
    return reply
      .code(status)
      .type(html)
      .header('cache-control', 'no-store')
      .send(renderDocument(<PrivacyDeskPage chrome={chrome} model={{ ...model, erasureMode: settings.erasureMode }} />));
  }

  r.get('/privacy', async (request, reply) => {
    authorize(request, 'replies.moderate');
    return render(request, reply, { email: '', errors: noErrors });
  });

  r.post('/privacy', { schema: { body: EmailBody } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const email = request.body.email ?? '';
    return submitForm(() => container.privacy.lookup(email), {
      done: (summary) => render(request, reply, { email, summary, errors: noErrors }),
      refused: ({ status, errors }) => render(request, reply, { email, errors }, status),
    });
  });

  r.post('/privacy/export', { schema: { body: EmailBody } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const email = request.body.email ?? '';
    return submitForm(() => container.privacy.exportAddress(email, auditActor(request)), {
      done: (data) => sendPersonalData(reply, data),
      refused: ({ status, errors }) => render(request, reply, { email, errors }, status),
    });
  });

  r.post('/privacy/erase', { schema: { body: EmailBody } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const email = request.body.email ?? '';
    if (request.body.confirm !== 'on') {
      const summary = await container.privacy.lookup(email).catch(() => undefined);
      return render(
        request,
        reply,
        { email, ...(summary ? { summary } : {}), errors: { fields: { confirm: 'Tick the box to confirm the erasure.' } } },
        422,
      );
    }
    return submitForm(() => container.privacy.eraseAddress(email, auditActor(request)), {
      done: (result) =>
        render(request, reply, {
          email,
          summary: { replies: 0, subscriptions: 0 },
          errors: noErrors,
          notice: `Erased: ${plural(result.replies, 'reply', 'replies')} ${result.mode === 'remove' ? 'deleted' : 'anonymised'}, ${plural(result.subscriptions, 'notification', 'notifications')} deleted. The audit trail records it without the address.`,
        }),
      refused: ({ status, errors }) => render(request, reply, { email, errors }, status),
    });
  });
}
