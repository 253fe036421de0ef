import type { Media } from '../../../modules/media/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';
import { StatusBadge } from './desk-page.js';
import { PictureFields } from './editor-pictures.js';
import { previewDocument } from './preview-document.js';

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
  /** The description typed for an image to place in the text. */
  alt: string;
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
  /** The go-live time typed is in the future: Publish reads Schedule. */
  scheduleLater?: boolean;
  /** The server's time when the page was made: admin.js decides Publish or Schedule by it, not by the browser's clock. */
  now?: Date;
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
  alt: 'Description of the image (alt text)',
  inlineImage: 'Image to place in the text',
};

/**
 * The save buttons, at the top and again under the form: Publish (Schedule when the go-live time
 * is in the future; Update for a live article) first, Save draft second. One click; no status to
 * choose first. `admin.js` turns Publish into Schedule as the time is typed.
 */
function PublishActions(props: { m: EditorModel; form?: string }) {
  const { m, form } = props;
  const live = m.article?.status === 'published';
  if (!m.canPublish) {
    return (
      <button type="submit" form={form} name="intent" value="draft" class="button button-primary">
        Save draft
      </button>
    );
  }
  const now = live ? 'Update' : 'Publish';
  return (
    <>
      <button
        type="submit"
        form={form}
        name="intent"
        value="publish"
        class="button button-primary"
        data-publish-button
        data-label-now={now}
        data-label-later="Schedule"
      >
        {m.scheduleLater ? 'Schedule' : now}
      </button>
      {!live && (
        <button type="submit" form={form} name="intent" value="draft" class="button">
          Save draft
        </button>
      )}
    </>
  );
}

/**
 * The editor: Publish and Save draft at the top, Markdown on the left, the live preview on the
 * right in the site's own stylesheet (refreshed by `admin.js`; the Preview button does the same
 * without JavaScript), publishing, details and pictures below the text, the buttons again. A
 * refused save comes back with every field as typed and the messages beside them.
 */
export function EditorPage(m: EditorModel) {
  const v = m.values;
  const a = m.article;
  const title = a ? `Edit “${v.headline || 'Untitled'}”` : 'New article';
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
        <div class="page-actions button-row publish-actions">
          <PublishActions m={m} form="article-form" />
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
          data-now={m.now?.toISOString()}
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
              <TextField
                name="publishAt"
                label="Go live at (UTC)"
                type="datetime-local"
                value={v.publishAt}
                error={m.errors.fields.publishAt}
                hint="Empty: Publish puts it on the site now. A time in the future: Publish becomes Schedule, and it appears by itself then."
              />
            ) : (
              <p class="hint">As a contributor you write drafts; an editor publishes them.</p>
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
          <PictureFields
            {...(m.featured ? { featured: m.featured } : {})}
            featuredMediaId={v.featuredMediaId}
            featuredAlt={v.featuredAlt}
            alt={v.alt}
            errors={m.errors}
            canUpload={m.canUpload}
            maxUploadMb={m.maxUploadMb}
          />
          <div class="form-actions editor-actions">
            <PublishActions m={m} />
            <button type="submit" name="intent" value="preview" class="button">
              Preview
            </button>
          </div>
        </form>
        <section class="preview-column" aria-labelledby="preview-heading">
          <h2 id="preview-heading" class="preview-label">
            Preview
          </h2>
          {/* The site's own page in a frame (its stylesheet, not the newsroom's); sandboxed: no script runs in it. */}
          <iframe
            class="preview-frame"
            id="preview"
            title="Preview of the article as readers will see it"
            sandbox="allow-same-origin"
            srcdoc={previewDocument({
              assetVersion: m.chrome.assetVersion,
              headline: v.headline,
              dek: v.dek,
              html: m.previewHtml,
            })}
          />
        </section>
      </div>
    </AdminLayout>
  );
}
