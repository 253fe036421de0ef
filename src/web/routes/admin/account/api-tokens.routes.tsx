import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { NotFound } from '../../../../lib/errors.js';
import { can } from '../../../../modules/accounts/index.js';
import type { MemberToken } from '../../../../modules/api-tokens/index.js';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { ApiTokenCreatedPage, ApiTokenRevokePage, ApiTokensPage } from '../../../views/admin/api-tokens-page.js';
import { Form, IdParams, rowId } from '../admin-forms.schema.js';
import { actorOf, adminChrome, html, staffOf } from '../admin-context.js';

/** The services the API tokens pages use (desk: for the held count in the menu). */
export const apiTokensNeeds = ['apiTokens', 'desk'] as const;

// Generous on the wire, so an over-long name is refused by the service with a message next to the
// field and the text kept (a schema refusal would lose the form).
const NewTokenBody = Form({ name: Type.String({ maxLength: 20_000 }), scope: Type.String({ maxLength: 100 }) });
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 10 })) });
const notices: Record<string, string> = { revoked: 'Revoked. Programs using that token are refused from now on.' };

/** A member's API tokens: list, make (the secret shown once), revoke; administrators oversee everyone's. */
export async function apiTokensRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof apiTokensNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function tokensPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values: { name: string; scope: string }; errors: FormErrors; notice?: string | undefined; status?: number },
  ) {
    const { user } = staffOf(request);
    const oversees = can(actorOf(request), 'api-tokens.oversee');
    const [chrome, tokens, everyone] = await Promise.all([
      adminChrome(deps, request, reply),
      container.apiTokens.list(user.id),
      oversees ? container.apiTokens.listLive() : Promise.resolve(undefined),
    ]);
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <ApiTokensPage
            chrome={chrome}
            tokens={tokens}
            everyone={everyone?.filter((t) => t.member.id !== user.id)}
            values={state.values}
            errors={state.errors}
            notice={state.notice}
          />,
        ),
      );
  }

  /** A live token this member may revoke: their own, or anyone's for an administrator; else 404 (never saying whose it is). */
  async function revocable(request: FastifyRequest, id: string): Promise<MemberToken> {
    const token = await container.apiTokens.find(rowId(id));
    const mine = token?.member.id === staffOf(request).user.id;
    if (!token || token.revokedAt || (!mine && !can(actorOf(request), 'api-tokens.oversee'))) {
      throw new NotFound('There is no such live token among yours.');
    }
    return token;
  }

  r.get('/account/api-tokens', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    const notice = request.query.done ? notices[request.query.done] : undefined;
    return tokensPage(request, reply, { values: { name: '', scope: 'read' }, errors: noErrors, notice });
  });

  r.post('/account/api-tokens', { schema: { body: NewTokenBody } }, async (request, reply) => {
    const { user } = staffOf(request);
    const { name = '', scope = '' } = request.body;
    return submitForm(() => container.apiTokens.create(user.id, { name, scope }), {
      // Shown in the answer to this POST, never stored: a redirect would need the secret kept somewhere.
      done: async ({ secret }) => {
        const chrome = await adminChrome(deps, request, reply);
        const shown = name.replace(/\s+/g, ' ').trim();
        return reply
          .type(html)
          .send(renderDocument(<ApiTokenCreatedPage chrome={chrome} name={shown} scope={scope as 'read' | 'write'} secret={secret} />));
      },
      refused: ({ status, errors }) => tokensPage(request, reply, { values: { name, scope }, errors, status }),
    });
  });

  r.get('/account/api-tokens/:id/revoke', { schema: { params: IdParams } }, async (request, reply) => {
    const token = await revocable(request, request.params.id);
    const chrome = await adminChrome(deps, request, reply);
    const own = token.member.id === staffOf(request).user.id;
    return reply.type(html).send(renderDocument(<ApiTokenRevokePage chrome={chrome} token={token} own={own} />));
  });

  r.post('/account/api-tokens/:id/revoke', { schema: { params: IdParams } }, async (request, reply) => {
    const token = await revocable(request, request.params.id);
    const own = token.member.id === staffOf(request).user.id;
    await container.apiTokens.revoke(own ? token.member.id : null, token.id);
    return reply.redirect(`${adminUrls.apiTokens()}?done=revoked`, 303);
  });
}
