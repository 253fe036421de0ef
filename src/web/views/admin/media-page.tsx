import { fallbackSrc, srcset, type Media } from '../../../modules/media/index.js';
import { adminUrls } from '../../admin-urls.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, type FormErrors } from './admin-fields.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';

/** Everything the media library shows. */
export interface MediaPageModel {
  chrome: AdminChrome;
  images: Media[];
  /** The id to ask for the next page of older images, when there are more. */
  olderThan?: number;
  canUpload: boolean;
  maxUploadMb: number;
  /** An image picked (or just uploaded) with its description: its Markdown, to paste into an article. */
  picked?: { media: Media; markdown: string };
  /** What was typed in the upload form, when it was refused. */
  alt: string;
  errors: FormErrors;
  notice?: string;
}

const labels = { alt: 'Description of the image (alt text)', image: 'Image' };

function PickedImage(props: { media: Media; markdown: string }) {
  return (
    <section class="media-picked" aria-labelledby="picked-heading">
      <h2 id="picked-heading">Markdown for “{props.media.originalName}”</h2>
      <div class="field">
        <label for="picked-markdown">Copy this line into the article where the picture belongs</label>
        <textarea id="picked-markdown" rows={2} readOnly>
          {props.markdown}
        </textarea>
      </div>
    </section>
  );
}

function MediaCard(props: { media: Media }) {
  const m = props.media;
  const altId = `alt-${m.id}`;
  return (
    <li class="media-card">
      <figure>
        {/* The name below says which file it is; a description is written where the image is used. */}
        <img
          src={fallbackSrc(m)}
          srcset={srcset(m, 'jpeg')}
          sizes="14rem"
          alt=""
          width={m.width}
          height={m.height}
          loading="lazy"
          decoding="async"
        />
        <figcaption>
          <span class="media-name">{m.originalName || `Image ${m.id}`}</span>{' '}
          <span class="hint">
            {m.width} × {m.height}
          </span>
        </figcaption>
      </figure>
      <form method="get" action={adminUrls.media()} class="media-pick">
        <input type="hidden" name="pick" value={String(m.id)} />
        <label for={altId}>Description for “{m.originalName || `image ${m.id}`}”</label>
        <input type="text" id={altId} name="alt" maxLength={300} required />
        <button type="submit" class="button">
          Get its Markdown
        </button>
      </form>
    </li>
  );
}

/**
 * The media library: every uploaded image, newest first, to reuse in another article. Picking one
 * (with the description it needs there) gives the Markdown line to paste; works without JavaScript.
 */
export function MediaPage(m: MediaPageModel) {
  return (
    <AdminLayout chrome={m.chrome} title="Media library" section="media">
      <header class="page-header">
        <div>
          <h1>Media library</h1>
          <p class="lead">Images uploaded to the newsroom, newest first. Pick one to use it in an article.</p>
        </div>
      </header>
      <Notice message={m.notice} />
      <ErrorSummary errors={m.errors} labels={labels} />
      {m.picked && <PickedImage media={m.picked.media} markdown={m.picked.markdown} />}
      {m.canUpload && (
        <form method="post" action={adminUrls.uploadMedia()} enctype="multipart/form-data" class="media-upload" novalidate>
          <CsrfField token={m.chrome.csrfToken} />
          <fieldset>
            <legend>Upload an image</legend>
            <TextField
              name="alt"
              label="Description of the image (alt text)"
              hint="Required: what the picture shows, for readers who cannot see it."
              value={m.alt}
              error={m.errors.fields.alt}
              maxLength={300}
            />
            <div class={`field${m.errors.fields.image ? ' has-error' : ''}`}>
              <label for="field-image">Image</label>
              <p class="hint" id="hint-image">
                JPEG, PNG, WebP, GIF or AVIF, up to {m.maxUploadMb} MB.
              </p>
              {m.errors.fields.image && (
                <p class="field-error" id="error-image">
                  {m.errors.fields.image}
                </p>
              )}
              <input
                type="file"
                id="field-image"
                name="image"
                accept="image/*"
                aria-describedby={`hint-image${m.errors.fields.image ? ' error-image' : ''}`}
                aria-invalid={m.errors.fields.image ? 'true' : undefined}
              />
            </div>
            <button type="submit" class="button button-primary">
              Upload
            </button>
          </fieldset>
        </form>
      )}
      {m.images.length === 0 ? (
        <p class="empty">No images yet. Upload one here, or paste one into the editor’s text.</p>
      ) : (
        <ul class="media-grid" aria-label="Uploaded images">
          {m.images.map((media) => (
            <MediaCard media={media} />
          ))}
        </ul>
      )}
      {m.olderThan !== undefined && (
        <p>
          <a href={`${adminUrls.media()}?before=${m.olderThan}`}>Older images →</a>
        </p>
      )}
    </AdminLayout>
  );
}
