import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { WORD_LIST_LIMIT, type DiscussionSettings } from '../../../../modules/moderation/index.js';
import { adminUrls } from '../../../admin-urls.js';
import { submitForm } from '../../../form-submission.js';
import type { NeedsOf, RouteDeps } from '../../../route-deps.js';
import { Form } from '../admin-forms.schema.js';
import { renderDocument } from '../../../views/render.js';
import { noErrors } from '../../../views/admin/admin-fields.js';
import { SettingsPage, type SettingsValues } from '../../../views/admin/settings-page.js';
import { adminChrome, auditActor, authorize, html } from '../admin-context.js';
import { bodyLimits } from '../../../body-limits.js';

const text = (max = 20) => Type.String({ maxLength: max });
const SettingsBody = Form({
  requireNameEmail: text(),
  manualApproval: text(),
  autoApproveKnownAuthors: text(),
  detectDuplicates: text(),
  holdLinkCount: text(),
  closeAfterDays: text(),
  threadDepth: text(),
  repliesPerPage: text(),
  floodIntervalSeconds: text(),
  order: Type.Union([Type.Literal('oldest'), Type.Literal('newest')]),
  spamFilterSends: Type.Union([Type.Literal('spam'), Type.Literal('held')]),
  erasureMode: Type.Union([Type.Literal('anonymise'), Type.Literal('remove')]),
  holdWords: text(WORD_LIST_LIMIT),
  blockWords: text(WORD_LIST_LIMIT),
  embedOrigins: Type.Optional(text(20_000)),
});
type SettingsBody = Static<typeof SettingsBody>;
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 2 })) });

function words(textValue: string | undefined): string[] {
  return [
    ...new Set(
      (textValue ?? '')
        .split(/\r?\n/)
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ];
}

/** A number field as typed: NaN when it is not a whole number, so the editor names the field. */
function whole(value: string | undefined): number {
  return /^\s*\d{1,6}\s*$/.test(value ?? '') ? Number(value) : Number.NaN;
}

function fromBody(b: SettingsBody): DiscussionSettings {
  return {
    requireNameEmail: b.requireNameEmail === 'on',
    manualApproval: b.manualApproval === 'on',
    autoApproveKnownAuthors: b.autoApproveKnownAuthors === 'on',
    detectDuplicates: b.detectDuplicates === 'on',
    holdLinkCount: whole(b.holdLinkCount),
    closeAfterDays: whole(b.closeAfterDays),
    threadDepth: whole(b.threadDepth),
    repliesPerPage: whole(b.repliesPerPage),
    floodIntervalSeconds: whole(b.floodIntervalSeconds),
    order: b.order === 'newest' ? 'newest' : 'oldest',
    spamFilterSends: b.spamFilterSends === 'held' ? 'held' : 'spam',
    erasureMode: b.erasureMode === 'remove' ? 'remove' : 'anonymise',
    holdWords: words(b.holdWords),
    blockWords: words(b.blockWords),
    embedOrigins: words(b.embedOrigins),
  };
}

function toValues(s: DiscussionSettings): SettingsValues {
  return {
    ...s,
    holdLinkCount: String(s.holdLinkCount),
    closeAfterDays: String(s.closeAfterDays),
    threadDepth: String(s.threadDepth),
    repliesPerPage: String(s.repliesPerPage),
    floodIntervalSeconds: String(s.floodIntervalSeconds),
    holdWords: s.holdWords.join('\n'),
    blockWords: s.blockWords.join('\n'),
    embedOrigins: s.embedOrigins.join('\n'),
  };
}

/** The services the discussion settings uses (desk: for the held count in the menu). */
export const settingsNeeds = ['discussion', 'desk'] as const;

/** The discussion settings page (administrators). */
export async function settingsRoutes(app: FastifyInstance, deps: RouteDeps<NeedsOf<typeof settingsNeeds>>): Promise<void> {
  const { container } = deps;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/settings/discussion', { schema: { querystring: SavedQuery } }, async (request, reply) => {
    authorize(request, 'settings.manage');
    const [chrome, settings] = await Promise.all([adminChrome(deps, request, reply), container.discussion.current()]);
    const notice = request.query.saved ? 'Settings saved. They apply from now on.' : undefined;
    return reply
      .type(html)
      .send(renderDocument(<SettingsPage chrome={chrome} values={toValues(settings)} errors={noErrors} notice={notice} />));
  });

  r.post('/settings/discussion', { schema: { body: SettingsBody }, bodyLimit: bodyLimits.settings }, async (request, reply) => {
    authorize(request, 'settings.manage');
    const wanted = fromBody(request.body);
    return submitForm(() => container.discussion.update(wanted, auditActor(request)), {
      done: () => reply.redirect(`${adminUrls.discussionSettings()}?saved=1`, 303),
      refused: async ({ status, errors }) => {
        const chrome = await adminChrome(deps, request, reply);
        const b = request.body;
        // The moderator's own text goes back into the form, wrong numbers included.
        const values: SettingsValues = {
          ...toValues({ ...wanted, holdLinkCount: 0, closeAfterDays: 0, threadDepth: 0, repliesPerPage: 0, floodIntervalSeconds: 0 }),
          holdLinkCount: b.holdLinkCount ?? '',
          closeAfterDays: b.closeAfterDays ?? '',
          threadDepth: b.threadDepth ?? '',
          repliesPerPage: b.repliesPerPage ?? '',
          floodIntervalSeconds: b.floodIntervalSeconds ?? '',
        };
        return reply
          .code(status)
          .type(html)
          .send(renderDocument(<SettingsPage chrome={chrome} values={values} errors={errors} />));
      },
    });
  });
}
