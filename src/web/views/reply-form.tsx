import { replyLimits } from '../../modules/replies/index.js';
import { FORM_TOKEN_MARKER, HONEYPOT_FIELD } from '../form-tokens.js';
import { urls } from '../urls.js';
import { TextField } from './text-field.js';

/** The state of the reply form: what the reader typed, and what is wrong with it. */
export interface ReplyFormModel {
  articleId: number;
  articleSlug: string;
  /** Whether the article takes replies now; when not, a note replaces the form. */
  open: boolean;
  replyingTo?: { id: number; authorName: string };
  values: { comment: string; author: string; email: string; url: string; remember: boolean; notify: boolean };
  /** Messages next to fields, by field name. */
  fieldErrors: Partial<Record<'comment' | 'author' | 'email' | 'url', string>>;
  /** A message for the whole form (too fast, duplicate, closed...). */
  formError?: string;
  requireNameEmail: boolean;
  /**
   * Where the form posts and "Cancel reply" leads, when not the article's own addresses: a thread
   * embedded on another site (issue 15) posts to the embed API and cancels in place.
   */
  addresses?: { action: string; api: string; cancel: string };
}

type FieldName = keyof ReplyFormModel['fieldErrors'];

function describedBy(model: ReplyFormModel, field: FieldName, extra?: string): string | undefined {
  const ids = [extra, model.fieldErrors[field] ? `${field}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldError(props: { model: ReplyFormModel; field: FieldName }) {
  const message = props.model.fieldErrors[props.field];
  return (
    <p class="field-error" id={`${props.field}-error`} hidden={!message}>
      {message}
    </p>
  );
}

function Required() {
  return (
    <span class="required" aria-hidden="true">
      *
    </span>
  );
}

/**
 * "Leave a Reply": the form readers know from WordPress, field for field (PRODUCT.md). A plain
 * POST that works without JavaScript; `reply-form.js` enhances it. `novalidate` lets our own
 * messages, which keep the reader's text, replace the browser's bubbles.
 */
export function ReplyForm(props: { model: ReplyFormModel }) {
  const m = props.model;
  const hasErrors = Boolean(m.formError) || Object.values(m.fieldErrors).some(Boolean);
  const nameRequired = m.requireNameEmail;
  return (
    <div id="respond" class="respond" data-article-slug={m.articleSlug}>
      <h2 id="reply-title" class="respond-title">
        Leave a Reply
        <span id="reply-to-name">{m.replyingTo ? ` to ${m.replyingTo.authorName}` : ''}</span>
      </h2>
      {/* Outside the heading, so the heading reads as a heading and the link as a link. */}
      <p class="cancel-reply">
        <a id="cancel-reply" href={m.addresses?.cancel ?? `${urls.article(m.articleSlug)}#respond`} hidden={!m.replyingTo}>
          Cancel reply
        </a>
      </p>
      {!m.open ? (
        <p class="replies-closed">{m.formError ?? 'Replies are closed on this article.'}</p>
      ) : (
        <form
          method="post"
          // The fragment rides through a plain POST: a refused reply comes back as the article
          // scrolled to this form, its messages and the reader's text, not to the top of a long
          // page (issue 11, item 9). A success's redirect names its own `#reply-N`, which wins.
          action={m.addresses?.action ?? `${urls.articleReplies(m.articleSlug)}#respond`}
          id="reply-form"
          class="reply-form"
          noValidate
          data-api={m.addresses?.api ?? urls.apiArticleReplies(m.articleSlug)}
        >
          <p class="form-note" id="email-note">
            <span id="email-notes">Your email address will not be published.</span>{' '}
            <span class="required-field-message">
              Required fields are marked <span class="required">*</span>
            </span>
          </p>
          <div class="form-errors" id="form-errors" role="alert" tabIndex={-1} hidden={!hasErrors}>
            {m.formError ? <p>{m.formError}</p> : hasErrors ? <p>Please correct the fields marked below; your text is kept.</p> : null}
          </div>
          <div class="field field-comment">
            <label for="comment">
              Comment <Required />
            </label>
            <textarea
              id="comment"
              name="comment"
              rows={8}
              maxLength={replyLimits.comment}
              required
              aria-required="true"
              aria-invalid={m.fieldErrors.comment ? 'true' : undefined}
              aria-describedby={describedBy(m, 'comment')}
            >
              {m.values.comment}
            </textarea>
            <FieldError model={m} field="comment" />
          </div>
          <TextField
            name="author"
            id="author"
            errorId="author-error"
            className="field-author"
            messagePlacement="after"
            label="Name"
            type="text"
            value={m.values.author}
            error={m.fieldErrors.author}
            maxLength={replyLimits.author}
            autoComplete="name"
            required={nameRequired}
          />
          <TextField
            name="email"
            id="email"
            errorId="email-error"
            className="field-email"
            messagePlacement="after"
            label="Email"
            type="email"
            value={m.values.email}
            error={m.fieldErrors.email}
            maxLength={replyLimits.email}
            autoComplete="email"
            required={nameRequired}
            describedBy="email-notes"
          />
          <TextField
            name="url"
            id="url"
            errorId="url-error"
            className="field-url"
            messagePlacement="after"
            label="Website"
            type="url"
            value={m.values.url}
            error={m.fieldErrors.url}
            maxLength={replyLimits.url}
            autoComplete="url"
            required={false}
          />
          {/* The honeypot: hidden from sight by the stylesheet (no inline style under the CSP), from
              screen readers by aria-hidden, from the keyboard by tabindex; only a bot fills it. */}
          <div class="field field-extra" aria-hidden="true">
            <label for={HONEYPOT_FIELD}>Leave this field empty</label>
            <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" value="" autoComplete="off" tabIndex={-1} />
          </div>
          <div class="field field-remember">
            <input id="remember" name="remember" type="checkbox" value="yes" checked={m.values.remember} />
            <label for="remember">Save my name, email, and website in this browser for the next time I comment.</label>
          </div>
          {/* Off by default; the first mail asks the address's owner to confirm (double opt-in). */}
          <div class="field field-remember field-notify">
            <input id="notify" name="notify" type="checkbox" value="yes" checked={m.values.notify} />
            <label for="notify">Notify me of follow-up replies by email</label>
          </div>
          <p class="form-submit">
            <button type="submit" id="submit" class="button">
              Post Comment
            </button>
            <input type="hidden" name="comment_post_ID" value={String(m.articleId)} />
            <input type="hidden" name="comment_parent" id="comment_parent" value={String(m.replyingTo?.id ?? 0)} />
            {/* A fresh signed token is stamped in here per answer, cached page or not (plugins/form-token-stamp.ts). */}
            <span class="form-token" dangerouslySetInnerHTML={{ __html: FORM_TOKEN_MARKER }} />
          </p>
          <p class="form-status" id="form-status" role="status" aria-live="polite"></p>
        </form>
      )}
    </div>
  );
}
