import type { AddressSummary, ErasureMode } from '../../../modules/privacy/index.js';
import { adminUrls } from '../../admin-urls.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';

/** What the desk's privacy page shows: the address typed, what is stored for it once looked up, a notice. */
export interface PrivacyDeskModel {
  email: string;
  summary?: AddressSummary;
  erasureMode: ErasureMode;
  errors: FormErrors;
  notice?: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A commenter's data on the desk: look an address up (a POST, so it never lands in a URL or a
 * log), then export or erase it the way a reader's verified link does.
 */
export function PrivacyDeskPage(props: { chrome: AdminChrome; model: PrivacyDeskModel }) {
  const m = props.model;
  const { csrfToken } = props.chrome;
  return (
    <AdminLayout chrome={props.chrome} title="Commenters' data" section="privacy">
      <PageHeader
        title="Commenters' data"
        lead="Look up what is stored for an email address, download it, or erase it for someone who asked you. Readers can do the same themselves on the privacy page."
      />
      <Notice message={m.notice} />
      <ErrorSummary errors={m.errors} />
      <form method="post" action={adminUrls.privacy()} class="panel" novalidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          value={m.email}
          error={m.errors.fields.email}
          messagePlacement="before"
          autoComplete="off"
          maxLength={200}
        />
        <button type="submit" class="button">
          Look up
        </button>
      </form>
      {m.summary && (
        <section class="panel" aria-labelledby="privacy-found">
          <h2 id="privacy-found">Stored for this address</h2>
          <p>
            {plural(m.summary.replies, 'reply', 'replies')}, {plural(m.summary.subscriptions, 'reply notification', 'reply notifications')}.
          </p>
          {m.summary.replies + m.summary.subscriptions > 0 && (
            <>
              <form method="post" action={adminUrls.privacyExport()}>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="email" value={m.email} />
                <button type="submit" class="button">
                  Download as JSON
                </button>
              </form>
              <form method="post" action={adminUrls.privacyErase()}>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="email" value={m.email} />
                <div class={m.errors.fields.confirm ? 'field field-check has-error' : 'field field-check'}>
                  {m.errors.fields.confirm && (
                    <p class="field-error" id="error-confirm">
                      {m.errors.fields.confirm}
                    </p>
                  )}
                  <input
                    id="field-confirm"
                    type="checkbox"
                    name="confirm"
                    value="on"
                    aria-describedby={m.errors.fields.confirm ? 'error-confirm' : undefined}
                  />
                  <label for="field-confirm">
                    {m.erasureMode === 'remove'
                      ? 'Yes, delete these replies (answers to them move up a level) and the notifications. This cannot be undone.'
                      : 'Yes, anonymise these replies (their text stays under “Anonymous”) and delete the notifications. This cannot be undone.'}
                  </label>
                </div>
                <button type="submit" class="button button-danger">
                  Erase
                </button>
              </form>
            </>
          )}
        </section>
      )}
    </AdminLayout>
  );
}
