import type { DeskDetail, DeskReply } from '../../../modules/moderation/index.js';
import { adminUrls } from '../../admin-urls.js';
import { urls } from '../../urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';
import { AuditTable, adminDate } from './audit-list.js';
import { DecisionLine, StatusBadge, senderRecord } from './desk-page.js';

function ContextReply(props: { reply: DeskReply; label?: string }) {
  const r = props.reply;
  return (
    <li class="context-reply">
      <p class="desk-meta">
        <a href={adminUrls.reply(r.id)}>#{r.id}</a> <strong>{r.authorName}</strong>
        {r.staff && <span class="badge badge-staff">staff</span>} <StatusBadge status={r.status} />{' '}
        <span class="muted">{adminDate(r.createdAt)}</span>
      </p>
      <p class="desk-text">{r.body.length > 400 ? `${r.body.slice(0, 399)}…` : r.body}</p>
    </li>
  );
}

/** One reply on the desk: its thread, its sender's history, edit, moderate, answer, and its audit trail. */
/** The statuses a reply can be moved to from its page; the one it has is not offered. */
const moveActions = [
  { action: 'approve', status: 'approved', label: 'Approve', primary: true },
  { action: 'hold', status: 'held', label: 'Hold', primary: false },
  { action: 'spam', status: 'spam', label: 'Spam', primary: false },
  { action: 'trash', status: 'trash', label: 'Trash', primary: false },
] as const;

export function ReplyDetailPage(props: {
  chrome: AdminChrome;
  detail: DeskDetail;
  editBody: string;
  editReason: string;
  answerBody: string;
  errors: FormErrors;
  notice?: string;
}) {
  const { detail, chrome } = props;
  const r = detail.reply;
  return (
    <AdminLayout chrome={chrome} title={`Reply #${r.id}`} section="replies">
      <p class="breadcrumb">
        <a href={adminUrls.replies({ status: r.status })}>← Replies</a>
      </p>
      <PageHeader
        title={`Reply #${r.id} by ${r.authorName}`}
        lead={r.page ? `On “${r.article.headline}”, ${r.page.url}` : `On “${r.article.headline}”`}
      >
        {/* A reply on another site's page is read there (issue 15). */}
        <a class="button" href={r.page ? `${r.page.url}#reply-${r.id}` : `${urls.article(r.article.slug)}#reply-${r.id}`}>
          View on the site
        </a>
      </PageHeader>
      <Notice message={props.notice} />
      <ErrorSummary errors={props.errors} />
      <div class="detail-grid">
        <div>
          {detail.ancestors.length > 0 && (
            <section class="panel">
              <h2>Thread</h2>
              <ol class="context-list">
                {detail.ancestors.map((a) => (
                  <ContextReply reply={a} />
                ))}
              </ol>
            </section>
          )}
          <section class="panel panel-focus">
            <p class="desk-meta">
              <strong>{r.authorName}</strong> {r.staff && <span class="badge badge-staff">staff</span>} <StatusBadge status={r.status} />{' '}
              <span class="muted">{adminDate(r.createdAt)}</span>
              {r.editedAt && <span class="muted"> · edited {adminDate(r.editedAt)}</span>}
            </p>
            <div class="reply-full">
              {r.body.split(/\n{2,}/).map((p) => (
                <p>{p}</p>
              ))}
            </div>
            {r.reason && <p class="desk-reason">Reason shown to the author: {r.reason}</p>}
            <DecisionLine reply={r} />
            <form method="post" action={adminUrls.bulkReplies()} class="moderate-one">
              <CsrfField token={chrome.csrfToken} />
              <input type="hidden" name="ids" value={String(r.id)} />
              <input type="hidden" name="return" value={adminUrls.reply(r.id)} />
              <label for="one-reason">Reason (the author sees it)</label>
              <input id="one-reason" name="reason" type="text" maxLength={500} value={r.reason} />
              <div class="button-row">
                {moveActions
                  .filter((a) => a.status !== r.status)
                  .map((a) => (
                    <button type="submit" name="action" value={a.action} class={a.primary ? 'button button-primary' : 'button'}>
                      {/* Approving a spam reply is the moderator's "not spam": the filter learns it. */}
                      {a.action === 'approve' && r.status === 'spam' ? 'Not spam' : a.label}
                    </button>
                  ))}
                <button type="submit" name="action" value="delete" class="button button-danger">
                  Delete for good
                </button>
              </div>
            </form>
          </section>
          {detail.answers.length > 0 && (
            <section class="panel">
              <h2>Answers to it</h2>
              <ol class="context-list">
                {detail.answers.map((a) => (
                  <ContextReply reply={a} />
                ))}
              </ol>
            </section>
          )}
          <section class="panel">
            <h2 id="answer-heading">Answer as staff</h2>
            <p class="hint">
              Published at once under your name, marked “staff”.{r.status === 'held' ? ' Answering approves this reply too.' : ''}
            </p>
            <form method="post" action={adminUrls.answerReply(r.id)} aria-labelledby="answer-heading">
              <CsrfField token={chrome.csrfToken} />
              <label for="field-answer" class="visually-hidden">
                Your answer
              </label>
              <textarea id="field-answer" name="answer" rows={4} required aria-invalid={props.errors.fields.answer ? 'true' : undefined}>
                {props.answerBody}
              </textarea>
              <p class="form-actions">
                <button type="submit" class="button button-primary">
                  Publish answer
                </button>
              </p>
            </form>
          </section>
          <section class="panel">
            <h2 id="edit-heading">Edit the text</h2>
            <form method="post" action={adminUrls.reply(r.id)} aria-labelledby="edit-heading">
              <CsrfField token={chrome.csrfToken} />
              <label for="field-body">Text</label>
              {props.errors.fields.body && (
                <p class="field-error" id="error-body">
                  {props.errors.fields.body}
                </p>
              )}
              <textarea id="field-body" name="body" rows={6} aria-invalid={props.errors.fields.body ? 'true' : undefined}>
                {props.editBody}
              </textarea>
              <label for="field-edit-reason">Reason for the edit (the author sees it)</label>
              <input id="field-edit-reason" name="reason" type="text" maxLength={500} value={props.editReason} />
              <p class="form-actions">
                <button type="submit" class="button">
                  Save the edit
                </button>
              </p>
            </form>
          </section>
        </div>
        <aside>
          <section class="panel">
            <h2>Sender</h2>
            <dl class="facts">
              <dt>Name</dt>
              <dd>{r.authorName}</dd>
              <dt>Email</dt>
              <dd>{r.authorEmail || '—'}</dd>
              {r.authorUrl && (
                <>
                  <dt>Website</dt>
                  <dd>{r.authorUrl}</dd>
                </>
              )}
              <dt>Address</dt>
              <dd>{r.ip || '—'}</dd>
              <dt>Record</dt>
              <dd>
                <a href={adminUrls.replies({ sender: r.senderKey })}>{senderRecord(r.senderCounts)}</a>
              </dd>
            </dl>
            <h3>Previous replies</h3>
            {detail.history.length === 0 ? (
              <p class="muted">None: this is their first.</p>
            ) : (
              <ol class="context-list">
                {detail.history.map((h) => (
                  <ContextReply reply={h} />
                ))}
              </ol>
            )}
          </section>
          <section class="panel">
            <h2>History of this reply</h2>
            <AuditTable entries={detail.audit} showSubject={false} />
          </section>
        </aside>
      </div>
    </AdminLayout>
  );
}
