import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Invalid } from '../../../../lib/errors.js';
import { atLeast } from '../../../../modules/accounts/index.js';
import { adminUrls } from '../../../admin-urls.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { NotificationSettingsPage } from '../../../views/admin/notification-settings-page.js';
import { Form } from '../admin-forms.schema.js';
import { actorOf, adminChrome, html, staffOf } from '../admin-context.js';

/** The services the notification settings page uses. */
export const notificationSettingsNeeds = ['notify', 'desk'] as const;

const ChoiceBody = Form({ heldReplies: Type.Union([Type.Literal('each'), Type.Literal('daily'), Type.Literal('off')]) });
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 2 })) });

/** Each member's own choice: a mail per held reply, a daily digest, or none. */
export async function notificationSettingsRoutes(
  app: FastifyInstance,
  deps: RouteDeps<NeedsOf<typeof notificationSettingsNeeds>>,
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { container } = deps;

  r.get('/account/notifications', { schema: { querystring: SavedQuery } }, async (request, reply) => {
    const { user } = staffOf(request);
    const [chrome, choice] = await Promise.all([adminChrome(deps, request, reply), container.notify.heldReplyMailOf(user.id)]);
    const notice = request.query.saved ? 'Saved.' : undefined;
    return reply
      .type(html)
      .send(
        renderDocument(
          <NotificationSettingsPage
            chrome={chrome}
            choice={choice}
            moderates={atLeast(actorOf(request), 'editor')}
            {...(notice ? { notice } : {})}
          />,
        ),
      );
  });

  r.post('/account/notifications', { schema: { body: ChoiceBody } }, async (request, reply) => {
    const choice = request.body.heldReplies;
    if (choice === undefined) throw new Invalid('Choose how you want to hear of held replies.', 'heldReplies');
    await container.notify.setHeldReplyMail(staffOf(request).user.id, choice);
    return reply.redirect(`${adminUrls.notificationSettings()}?saved=1`, 303);
  });
}
