import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Role } from '../../../../modules/accounts/index.js';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { Form, IdParams, rowId } from '../admin-forms.schema.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { UsersPage } from '../../../views/admin/users-page.js';
import { adminChrome, auditActor, authorize, html } from '../admin-context.js';

const NewUserBody = Form({
  name: Type.String({ maxLength: 300 }),
  email: Type.String({ maxLength: 300 }),
  password: Type.String({ maxLength: 1024 }),
  role: Type.String({ maxLength: 20 }),
});
const RoleBody = Form({ role: Type.String({ maxLength: 20 }) });
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 10 })) });
const notices: Record<string, string> = {
  added: 'Added. They can sign in now.',
  role: 'Role changed.',
  disabled: 'Disabled. Their sessions have ended and they cannot sign in until enabled again.',
  enabled: 'Enabled. They can sign in again.',
  removed: 'Removed. Their articles keep their byline.',
  sessions: 'Their sessions have ended: every device they used must sign in again.',
};

/** The services the people page uses (desk: for the held count in the menu). */
export const usersNeeds = ['accounts', 'desk'] as const;

/** People and roles (administrators). */
export async function usersRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof usersNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The people page, with the add-a-person form as given (empty, or refused with its messages). */
  async function peoplePage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: { email: string; name: string; role: string }; errors: FormErrors; notice?: string; status?: number },
  ) {
    const [chrome, users] = await Promise.all([adminChrome(deps, request, reply), container.accounts.list()]);
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <UsersPage
            chrome={chrome}
            users={users}
            currentUserId={request.staff?.user.id}
            values={state.values}
            errors={state.errors}
            notice={state.notice}
          />,
        ),
      );
  }

  r.get('/users', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    authorize(request, 'users.manage');
    const notice = request.query.done ? notices[request.query.done] : undefined;
    return peoplePage(request, reply, { values: { email: '', name: '', role: 'author' }, errors: noErrors, notice });
  });

  r.post('/users', { schema: { body: NewUserBody } }, async (request, reply) => {
    authorize(request, 'users.manage');
    const { name = '', email = '', password = '', role = '' } = request.body;
    return submitForm(() => container.accounts.create({ name, email, password, role: role as Role }, auditActor(request)), {
      done: () => reply.redirect(`${adminUrls.users()}?done=added`, 303),
      refused: ({ status, errors }) => peoplePage(request, reply, { values: { email, name, role }, errors, status }),
    });
  });

  r.post('/users/:id/role', { schema: { params: IdParams, body: RoleBody } }, async (request, reply) => {
    authorize(request, 'users.manage');
    await container.accounts.changeRole(rowId(request.params.id), (request.body.role ?? '') as Role, auditActor(request));
    return reply.redirect(`${adminUrls.users()}?done=role`, 303);
  });

  // Disable, enable, remove, end sessions: each a small form on the people page (CSRF-checked by
  // the admin scope like every POST); refusals (yourself, the last administrator) are 403 pages.
  r.post('/users/:id/disable', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'users.manage');
    await container.accounts.setDisabled(Number(request.params.id), true, auditActor(request));
    return reply.redirect(`${adminUrls.users()}?done=disabled`, 303);
  });

  r.post('/users/:id/enable', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'users.manage');
    await container.accounts.setDisabled(Number(request.params.id), false, auditActor(request));
    return reply.redirect(`${adminUrls.users()}?done=enabled`, 303);
  });

  r.post('/users/:id/remove', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'users.manage');
    await container.accounts.remove(Number(request.params.id), auditActor(request));
    return reply.redirect(`${adminUrls.users()}?done=removed`, 303);
  });

  r.post('/users/:id/end-sessions', { schema: { params: IdParams } }, async (request, reply) => {
    authorize(request, 'users.manage');
    await container.accounts.endSessionsOf(Number(request.params.id), auditActor(request));
    return reply.redirect(`${adminUrls.users()}?done=sessions`, 303);
  });
}
