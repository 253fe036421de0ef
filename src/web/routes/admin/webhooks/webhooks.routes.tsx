import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { WebhookCreatedPage, WebhookPage, WebhookRemovePage, WebhooksPage } from '../../../views/admin/webhooks-page.js';
import { Form, IdParams, rowId } from '../admin-forms.schema.js';
import { adminChrome, authorize, html } from '../admin-context.js';

/** The services the webhooks pages use (desk: for the held count in the menu). */
export const webhooksNeeds = ['webhooks', 'desk'] as const;

// Generous on the wire, so an over-long address is refused by the service with a message next to
// the field and the text kept. A browser sends one `events` per ticked box.
const NewWebhookBody = Form({
  url: Type.String({ maxLength: 20_000 }),
  events: Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })]),
});
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 10 })) });
const notices: Record<string, string> = {
  test: 'A test delivery is queued; it is sent within moments. Reload to see the answer.',
  disabled: 'Paused. No new deliveries are queued until you resume it.',
  enabled: 'Resumed. The next events are delivered again.',
  removed: 'Removed. Nothing more is sent to it.',
};

/** How many deliveries a webhook's page lists. */
const RECENT_DELIVERIES = 20;

/** Webhooks (administrators): add with the secret shown once, pause, test, remove, and the latest deliveries. */
export async function webhooksRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof webhooksNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: { url: string; events: string[] }; errors: FormErrors; notice?: string | undefined; status?: number },
  ) {
    const [chrome, hooks] = await Promise.all([adminChrome(deps, request, reply), container.webhooks.list()]);
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(<WebhooksPage chrome={chrome} hooks={hooks} values={state.values} errors={state.errors} notice={state.notice} />),
      );
  }

  r.get('/webhooks', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    const notice = request.query.done ? notices[request.query.done] : undefined;
    return listPage(request, reply, { values: { url: '', events: [] }, errors: noErrors, notice });
  });

  r.post('/webhooks', { schema: { body: NewWebhookBody } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    const url = request.body.url ?? '';
    const events = [request.body.events ?? []].flat();
    return submitForm(() => container.webhooks.register({ url, events }), {
      // The secret is in this answer only; the newsroom never shows it again.
      done: async (hook) =>
        reply.type(html).send(renderDocument(<WebhookCreatedPage chrome={await adminChrome(deps, request, reply)} hook={hook} />)),
      refused: ({ status, errors }) => listPage(request, reply, { values: { url, events }, errors, status }),
    });
  });

  r.get('/webhooks/:id', { schema: { params: IdParams, querystring: DoneQuery } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    const hook = await container.webhooks.get(rowId(request.params.id));
    const [chrome, deliveries] = await Promise.all([
      adminChrome(deps, request, reply),
      container.webhooks.recentDeliveries(hook.id, RECENT_DELIVERIES),
    ]);
    const notice = request.query.done ? notices[request.query.done] : undefined;
    return reply.type(html).send(renderDocument(<WebhookPage chrome={chrome} hook={hook} deliveries={deliveries} notice={notice} />));
  });

  r.post('/webhooks/:id/test', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    const id = rowId(request.params.id);
    await container.webhooks.sendTest(id);
    return reply.redirect(`${adminUrls.webhook(id)}?done=test`, 303);
  });

  for (const action of ['disable', 'enable'] as const) {
    r.post(`/webhooks/:id/${action}`, { schema: { params: IdParams } }, async (request, reply) => {
      authorize(request, 'webhooks.manage');
      const id = rowId(request.params.id);
      await container.webhooks.setDisabled(id, action === 'disable');
      return reply.redirect(`${adminUrls.webhook(id)}?done=${action}d`, 303);
    });
  }

  r.get('/webhooks/:id/remove', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    const hook = await container.webhooks.get(rowId(request.params.id));
    return reply.type(html).send(renderDocument(<WebhookRemovePage chrome={await adminChrome(deps, request, reply)} hook={hook} />));
  });

  r.post('/webhooks/:id/remove', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'webhooks.manage');
    await container.webhooks.remove(rowId(request.params.id));
    return reply.redirect(`${adminUrls.webhooks()}?done=removed`, 303);
  });
}
