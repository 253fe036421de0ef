import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Invalid } from '../../../../lib/errors.js';
import type { DeskAction } from '../../../../modules/moderation/index.js';
import { adminUrls, safeNext } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { Form, IdParams, isRowIdText, rowId } from '../admin-forms.schema.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors, type FormErrors } from '../../../views/admin/admin-fields.js';
import { AuditPage } from '../../../views/admin/audit-page.js';
import { DeskPage } from '../../../views/admin/desk-page.js';
import { ReplyDetailPage } from '../../../views/admin/reply-detail-page.js';
import { adminChrome, auditActor, authorize, html, staffOf } from '../admin-context.js';
import { bodyLimits } from '../../../body-limits.js';

const statuses = ['held', 'approved', 'spam', 'trash'] as const;
const actions: DeskAction[] = ['approve', 'hold', 'spam', 'trash', 'delete'];

const DeskQuery = Type.Object({
  status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  sender: Type.Optional(Type.String({ pattern: '^[0-9a-f]{0,64}$' })),
  /** An embedding site's origin (issue 15); empty for every page. */
  site: Type.Optional(Type.String({ maxLength: 300 })),
  done: Type.Optional(Type.String({ maxLength: 20 })),
  n: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' })),
});
/** Replies per desk page. */
const PAGE_SIZE = 50;
const BulkBody = Form({
  ids: Type.Union([Type.String({ pattern: '^[0-9]{1,12}$' }), Type.Array(Type.String({ pattern: '^[0-9]{1,12}$' }), { maxItems: 500 })]),
  action: Type.String({ maxLength: 20 }),
  one: Type.String({ pattern: '^[a-z]+:[0-9]{1,12}$' }),
  reason: Type.String({ maxLength: 2000 }),
  return: Type.String({ maxLength: 2000 }),
  bulk: Type.String({ maxLength: 5 }),
});
const EditBody = Form({ body: Type.String({ maxLength: 200_000 }), reason: Type.String({ maxLength: 2000 }) });
const AnswerBody = Form({ answer: Type.String({ maxLength: 200_000 }) });
const EmptySpamBody = Form({ days: Type.String({ maxLength: 20 }) });
const DetailQuery = Type.Object({
  done: Type.Optional(Type.String({ maxLength: 20 })),
  n: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
});

const doneWords: Record<string, string> = {
  approve: 'approved',
  hold: 'held',
  spam: 'marked as spam',
  trash: 'moved to the trash',
  delete: 'deleted for good',
  emptied: 'deleted for good from the spam queue',
};

/** "3 replies approved." from the redirect's fixed keys (no text from the URL is echoed). */
function doneNotice(done?: string, n?: string): string | undefined {
  if (done === 'edit') return 'The edit is saved.';
  if (done === 'answer') return 'Your answer is published.';
  if (done === 'none') return 'Select at least one reply first.';
  if (!done || !doneWords[done]) return undefined;
  const count = Number(n ?? 0);
  return `${count} ${count === 1 ? 'reply' : 'replies'} ${doneWords[done]}.`;
}

function withNotice(path: string, done: string, n?: number): string {
  const [base, hash] = path.split('#');
  const sep = base!.includes('?') ? '&' : '?';
  return `${base}${sep}done=${done}${n !== undefined ? `&n=${n}` : ''}${hash ? `#${hash}` : ''}`;
}

/** The services the moderation desk and the audit trail uses. */
export const deskNeeds = ['desk', 'audit', 'spam'] as const;

/** The moderation desk, one reply's page, bulk actions, edits, staff answers and the audit trail. */
export async function deskRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof deskNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/replies', { schema: { querystring: DeskQuery } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const status = request.query.status ?? 'held';
    const search = request.query.q ?? '';
    const senderKey = request.query.sender ?? '';
    const site = request.query.site ?? '';
    const page = Number(request.query.page ?? 1);
    const [chrome, counts, sites, found] = await Promise.all([
      adminChrome(deps, request, reply),
      container.desk.counts(),
      container.desk.sites(),
      // One more than a page, to know whether an older page exists.
      container.desk.list({
        status: senderKey ? undefined : status,
        search,
        senderKey: senderKey || undefined,
        site: site || undefined,
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      }),
    ]);
    const items = found.slice(0, PAGE_SIZE);
    const filter = container.spam.stats();
    const pageUrl = (n: number) =>
      `${adminUrls.replies({ status, q: search, sender: senderKey, site })}${status || search || senderKey || site ? '&' : '?'}page=${n}`;
    const paging = { ...(page > 1 ? { newer: pageUrl(page - 1) } : {}), ...(found.length > PAGE_SIZE ? { older: pageUrl(page + 1) } : {}) };
    return reply
      .type(html)
      .send(
        renderDocument(
          <DeskPage
            chrome={chrome}
            status={status}
            search={search}
            senderKey={senderKey}
            site={site}
            sites={sites}
            counts={counts}
            items={items}
            notice={doneNotice(request.query.done, request.query.n)}
            returnTo={page > 1 ? pageUrl(page) : adminUrls.replies({ status, q: search, sender: senderKey, site })}
            paging={paging}
            filterProblem={filter.working ? undefined : filter.problem}
          />,
        ),
      );
  });

  r.post('/replies/empty-spam', { schema: { body: EmptySpamBody } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const typed = request.body.days ?? '';
    // The service names the range; a value that is not a whole number is refused the same way.
    const days = /^\s*\d{1,6}\s*$/.test(typed) ? Number(typed) : Number.NaN;
    const deleted = await container.desk.emptySpam(days, auditActor(request));
    return reply.redirect(withNotice(adminUrls.replies({ status: 'spam' }), 'emptied', deleted), 303);
  });

  r.post('/replies/bulk', { schema: { body: BulkBody } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const body = request.body;
    let ids: number[];
    let action: string;
    if (body.one) {
      const [a, id] = body.one.split(':');
      action = a!;
      ids = isRowIdText(id!) ? [Number(id)] : [];
    } else {
      action = body.action ?? '';
      // An id no row can have names no reply: dropped, as a reply deleted meanwhile would be.
      ids = (Array.isArray(body.ids) ? body.ids : body.ids ? [body.ids] : []).filter(isRowIdText).map(Number);
    }
    if (!actions.includes(action as DeskAction)) throw new Invalid('Choose what to do with the selected replies.', 'action');
    const back = safeNext(body.return);
    if (ids.length === 0) return reply.redirect(withNotice(back, 'none'), 303);
    const changed = await container.desk.moderate(ids, action as DeskAction, body.reason ?? '', auditActor(request));
    // A reply deleted for good has no page left to return to.
    const target = action === 'delete' && back.startsWith('/admin/replies/') ? adminUrls.replies() : back;
    return reply.redirect(withNotice(target, action, changed), 303);
  });

  async function renderDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    state: { editBody?: string; editReason?: string; answerBody?: string; errors?: FormErrors; notice?: string; status?: number } = {},
  ) {
    const [chrome, detail] = await Promise.all([adminChrome(deps, request, reply), container.desk.detail(id)]);
    return reply
      .code(state.status ?? 200)
      .type(html)
      .send(
        renderDocument(
          <ReplyDetailPage
            chrome={chrome}
            detail={detail}
            editBody={state.editBody ?? detail.reply.body}
            editReason={state.editReason ?? ''}
            answerBody={state.answerBody ?? ''}
            errors={state.errors ?? noErrors}
            notice={state.notice}
          />,
        ),
      );
  }

  r.get('/replies/:id', { schema: { params: IdParams, querystring: DetailQuery } }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    return renderDetail(request, reply, rowId(request.params.id), { notice: doneNotice(request.query.done, request.query.n) });
  });

  r.post('/replies/:id', { schema: { params: IdParams, body: EditBody }, bodyLimit: bodyLimits.deskText }, async (request, reply) => {
    authorize(request, 'replies.moderate');
    const id = rowId(request.params.id);
    return submitForm(
      () => container.desk.edit(id, request.body.body ?? '', request.body.reason ?? '', auditActor(request)),
      {
        done: () => reply.redirect(withNotice(adminUrls.reply(id), 'edit'), 303),
        refused: ({ status, errors }) =>
          renderDetail(request, reply, id, { editBody: request.body.body, editReason: request.body.reason, errors, status }),
      },
      { toErrorPage: ['not_found'] },
    );
  });

  r.post(
    '/replies/:id/answer',
    { schema: { params: IdParams, body: AnswerBody }, bodyLimit: bodyLimits.deskText },
    async (request, reply) => {
      authorize(request, 'replies.moderate');
      const id = rowId(request.params.id);
      const { user } = staffOf(request);
      return submitForm(
        () => container.desk.answer(id, request.body.answer ?? '', { id: user.id, name: user.name, email: user.email }),
        {
          done: () => reply.redirect(withNotice(adminUrls.reply(id), 'answer'), 303),
          // The answer form has one field: whatever went wrong is said next to it.
          refused: ({ status, message }) =>
            renderDetail(request, reply, id, { answerBody: request.body.answer, errors: { fields: { answer: message } }, status }),
        },
        { toErrorPage: ['not_found'] },
      );
    },
  );

  r.get('/audit', async (request, reply) => {
    authorize(request, 'audit.view');
    const [chrome, entries] = await Promise.all([adminChrome(deps, request, reply), container.audit.list({ limit: 200 })]);
    return reply.type(html).send(renderDocument(<AuditPage chrome={chrome} entries={entries} />));
  });
}
