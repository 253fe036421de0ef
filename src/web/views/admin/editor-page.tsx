import { fallbackSrc, srcset, type Media } from '../../../modules/media/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';
import { StatusBadge } from './desk-page.js';

/** The editor form's values, as strings: exactly what the author typed, even when it was refused. */
export interface EditorValues {
  headline: string;
  dek: string;
  slug: string;
  body: string;
  section: string;
  tags: string;
  status: string;
  publishAt: string;
  repliesOpen: boolean;
  featuredMediaId: string;
  featuredAlt: string;
}

/** Everything the editor page shows. */
export interface EditorModel {
  chrome: AdminChrome;
  /** Absent for a new article. */
  article?: {
    id: number;
    status: string;
    slug: string;
    authorName: string;
    publicUrl?: string;
    revisionCount: number;
    updatedAt: Date;
    publishedAt: Date | null;
  };
  values: EditorValues;
  errors: FormErrors;
  previewHtml: string;
  notice?: string;
  canPublish: boolean;
  canUpload: boolean;
  canUnpublish: boolean;
  canTrash: boolean;
  featured?: Media;
  sections: string[];
  maxUploadMb: number;
  status?: number;
  /**
   * The save arrived without a session (it ended while the author wrote): only the form is
   * shown back, with the text, and nothing about the stored article.
   */
  signedOut?: { articleId?: number };
}

const labels: Record<string, string> = {
  headline: 'Headline',
  dek: 'Dek',
  body: 'Article',
  slug: 'Address',
  section: 'Section',
  tags: 'Tags',
  publishAt: 'Go live at',
  image: 'Featured image',
  featuredAlt: 'Image description',
};

function StatusChoice(props: { value: string; label: string; hint: string; current: string }) {
  return (
    <div class="field-radio">
      <input
        type="radio"
        name="status"
        id={`status-${props.value}`}
        value={props.value}
        checked={props.current === props.value}
        aria-describedby={`status-${props.value}-hint`}
      />
      <label for={`status-${props.value}`}>
        <strong>{props.label}</strong>{' '}
        <span class="hint" id={`status-${props.value}-hint`}>
          {props.hint}
        </span>
      </label>
    </div>
  );
}

/** The save button; `admin.js` keeps its label in step with the chosen status. */
function SaveButton(props: { label: string; publishedLabel: string; form?: string }) {
  return (
    <button
      type="submit"
      form={props.form}
      name="intent"
      value="save"
      class="button button-primary"
      data-save-button
      data-label-draft="Save draft"
      data-label-published={props.publishedLabel}
      data-label-scheduled="Schedule"
    >
      {props.label}
    </button>
  );
}

/**
 * The editor: Markdown on the left, the live preview on the right (refreshed by `admin.js`; the
 * Preview button does the same without JavaScript), publishing and details below the text. A
 * refused save comes back with every field as typed and the messages beside them.
 */
export function EditorPage(m: EditorModel) {
  const v = m.values;
  const a = m.article;
  const title = a ? `Edit “${v.headline || 'Untitled'}”` : 'New article';
  const saveLabel = !m.canPublish
    ? 'Save draft'
    : v.status === 'published'
      ? a?.status === 'published'
        ? 'Update'
        : 'Publish'
      : v.status === 'scheduled'
        ? 'Schedule'
        : 'Save draft';
  const savedId = a?.id ?? m.signedOut?.articleId;
  const action = savedId !== undefined ? adminUrls.saveArticle(savedId) : adminUrls.createArticle();
  return (
    <AdminLayout chrome={m.chrome} title={title} section="articles">
      <p class="breadcrumb">
        <a href={adminUrls.articles()}>← Articles</a>
      </p>
      <header class="page-header">
        <div>
          <h1>{a ? 'Edit article' : 'New article'}</h1>
          {a && (
            <p class="lead">
              <StatusBadge status={a.status} /> by {a.authorName} · last saved {adminDate(a.updatedAt)}
              {a.status === 'scheduled' && a.publishedAt && <> · goes live {adminDate(a.publishedAt)}</>}
            </p>
          )}
        </div>
        <div class="page-actions button-row">
          <SaveButton label={saveLabel} publishedLabel={a?.status === 'published' ? 'Update' : 'Publish'} form="article-form" />
        </div>
        {a && (
          <div class="page-actions button-row article-actions">
            {a.publicUrl && (
              <a class="button" href={a.publicUrl}>
                View on the site
              </a>
            )}
            <a class="button" href={adminUrls.revisions(a.id)}>
              Revisions ({a.revisionCount})
            </a>
            {m.canUnpublish && (a.status === 'published' || a.status === 'scheduled') && (
              <form method="post" action={adminUrls.articleAction(a.id, 'unpublish')} class="inline-form">
                <CsrfField token={m.chrome.csrfToken} />
                <button type="submit" class="button">
                  Unpublish
                </button>
              </form>
            )}
            {m.canTrash && a.status !== 'trash' && (
              <form method="post" action={adminUrls.articleAction(a.id, 'trash')} class="inline-form">
                <CsrfField token={m.chrome.csrfToken} />
                <button type="submit" class="button button-danger">
                  Move to trash
                </button>
              </form>
            )}
            {m.canTrash && a.status === 'trash' && (
              <form method="post" action={adminUrls.articleAction(a.id, 'restore')} class="inline-form">
                <CsrfField token={m.chrome.csrfToken} />
                <button type="submit" class="button">
                  Restore from trash
                </button>
              </form>
            )}
          </div>
        )}
      </header>
      <Notice message={m.notice} />
      {m.signedOut && (
        <div class="error-summary" role="alert">
          <h2>You were signed out, so nothing was saved — but nothing you wrote is lost.</h2>
          <p>
            <a href={adminUrls.signIn()} target="_blank" rel="noopener">
              Sign in again in a new tab
            </a>
            , then come back to this page and save again.
          </p>
        </div>
      )}
      <ErrorSummary errors={m.errors} labels={labels} />
      <div class="editor-grid">
        <form
          method="post"
          action={action}
          enctype="multipart/form-data"
          class="editor-main"
          id="article-form"
          data-editor
          data-preview={adminUrls.preview()}
          novalidate
        >
          <CsrfField token={m.chrome.csrfToken} />
          <TextField
            name="headline"
            label="Headline"
            value={v.headline}
            error={m.errors.fields.headline}
            required
            maxLength={300}
            autoFocus={!a}
          />
          <TextField
            name="dek"
            label="Dek"
            hint="One or two sentences under the headline."
            value={v.dek}
            error={m.errors.fields.dek}
            maxLength={600}
          />
          <div class={`field${m.errors.fields.body ? ' has-error' : ''}`}>
            <label for="field-body">Article</label>
            <p class="hint" id="hint-body">
              Markdown: <code>## Heading</code>, <code>**bold**</code>, <code>*italic*</code>, <code>[link](https://…)</code>,{' '}
              <code>&gt; quote</code>, <code>- list</code>.
            </p>
            {m.errors.fields.body && (
              <p class="field-error" id="error-body">
                {m.errors.fields.body}
              </p>
            )}
            <textarea
              id="field-body"
              name="body"
              rows={22}
              aria-describedby={`hint-body${m.errors.fields.body ? ' error-body' : ''}`}
              aria-invalid={m.errors.fields.body ? 'true' : undefined}
            >
              {v.body}
            </textarea>
          </div>
          <fieldset class="publish-box">
            <legend>Publishing</legend>
            {m.canPublish ? (
              <div class="status-choice">
                <StatusChoice value="draft" label="Draft" hint="Only the newsroom sees it." current={v.status} />
                <StatusChoice value="published" label="Published" hint="Live on the site now." current={v.status} />
                <StatusChoice value="scheduled" label="Scheduled" hint="Goes live by itself at the time below." current={v.status} />
              </div>
            ) : (
              <>
                <input type="hidden" name="status" value="draft" />
                <p class="hint">As a contributor you write drafts; an editor publishes them.</p>
              </>
            )}
            {m.canPublish && (
              <div data-schedule-time>
                <TextField
                  name="publishAt"
                  label="Go live at (UTC)"
                  type="datetime-local"
                  value={v.publishAt}
                  error={m.errors.fields.publishAt}
                  hint="For a scheduled article: the date and time it appears, in UTC."
                />
              </div>
            )}
            <div class="field field-check">
              <input type="checkbox" id="field-repliesOpen" name="repliesOpen" value="on" checked={v.repliesOpen} />
              <label for="field-repliesOpen">Readers may reply</label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Details</legend>
            <TextField
              name="slug"
              label="Address"
              hint={`The article's web address: /articles/… Made from the headline unless you change it.`}
              value={v.slug}
              error={m.errors.fields.slug}
              maxLength={120}
            />
            <TextField
              name="section"
              label="Section"
              value={v.section}
              error={m.errors.fields.section}
              maxLength={60}
              extra={{ list: 'sections' }}
            />
            <datalist id="sections">
              {m.sections.map((s) => (
                <option value={s} />
              ))}
            </datalist>
            <TextField
              name="tags"
              label="Tags"
              hint="Separated by commas, e.g. North Korea, Diplomacy."
              value={v.tags}
              error={m.errors.fields.tags}
              maxLength={1000}
            />
          </fieldset>
          <div class="form-actions editor-actions">
            <SaveButton label={saveLabel} publishedLabel={a?.status === 'published' ? 'Update' : 'Publish'} />
            <button type="submit" name="intent" value="preview" class="button">
              Preview
            </button>
          </div>
          <fieldset class="featured-image">
            <legend>Featured image</legend>
            <input type="hidden" name="featuredMediaId" value={v.featuredMediaId} />
            {m.featured && (
              <>
                <picture>
                  <source type="image/webp" srcset={srcset(m.featured, 'webp')} sizes="20rem" />
                  <img
                    src={fallbackSrc(m.featured)}
                    srcset={srcset(m.featured, 'jpeg')}
                    sizes="20rem"
                    alt={v.featuredAlt}
                    width={m.featured.width}
                    height={m.featured.height}
                  />
                </picture>
                <div class="field field-check">
                  <input type="checkbox" id="field-removeImage" name="removeImage" value="on" />
                  <label for="field-removeImage">Remove this image</label>
                </div>
              </>
            )}
            <TextField
              name="featuredAlt"
              label="Image description"
              hint="What the picture shows, for readers who cannot see it."
              value={v.featuredAlt}
              error={m.errors.fields.featuredAlt}
              maxLength={300}
            />
            {m.canUpload ? (
              <div class={`field${m.errors.fields.image ? ' has-error' : ''}`}>
                <label for="field-image">{m.featured ? 'Replace with' : 'Upload an image'}</label>
                <p class="hint" id="hint-image">
                  JPEG, PNG, WebP, GIF or AVIF, up to {m.maxUploadMb} MB. Saved with the article.
                </p>
                {m.errors.fields.image && (
                  <p class="field-error" id="error-image">
                    {m.errors.fields.image}
                  </p>
                )}
                {/* Last in the form: every text field reaches the server before the file, so an oversized file never costs the text. */}
                <input
                  type="file"
                  id="field-image"
                  name="image"
                  accept="image/*"
                  aria-describedby={`hint-image${m.errors.fields.image ? ' error-image' : ''}`}
                />
              </div>
            ) : (
              <p class="hint">Contributors cannot upload images; an editor can add one.</p>
            )}
          </fieldset>
        </form>
        <section class="preview-column" aria-labelledby="preview-heading">
          <h2 id="preview-heading" class="preview-label">
            Preview
          </h2>
          {/* Focusable: the preview scrolls on its own, and keyboard users must be able to scroll it too. */}
          <div class="preview" id="preview" aria-live="polite" tabIndex={0}>
            <h1>{v.headline || 'Untitled'}</h1>
            {v.dek && <p class="dek">{v.dek}</p>}
            <div dangerouslySetInnerHTML={{ __html: m.previewHtml }} />
          </div>
        </section>
      </div>
    </AdminLayout>
  );
}

/** The preview panel's inner HTML (for the JSON the live preview fetches). */
export function PreviewBody(props: { headline: string; dek: string; html: string }) {
  return (
    <>
      <h1>{props.headline || 'Untitled'}</h1>
      {props.dek && <p class="dek">{props.dek}</p>}
      <div dangerouslySetInnerHTML={{ __html: props.html }} />
    </>
  );
}
