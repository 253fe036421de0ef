import { fallbackSrc, srcset, type Media } from '../../../modules/media/index.js';
import { adminUrls } from '../../admin-urls.js';
import { TextField } from '../text-field.js';
import type { FormErrors } from './admin-fields.js';

/** What the editor's picture fields need. */
export interface PictureFieldsProps {
  featured?: Media;
  featuredMediaId: string;
  featuredAlt: string;
  /** The description typed for an image to place in the text. */
  alt: string;
  errors: FormErrors;
  canUpload: boolean;
  maxUploadMb: number;
}

function FileField(props: { name: string; label: string; hint: string; error?: string }) {
  const { name, error } = props;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={`field-${name}`}>{props.label}</label>
      <p class="hint" id={`hint-${name}`}>
        {props.hint}
      </p>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <input
        type="file"
        id={`field-${name}`}
        name={name}
        accept="image/*"
        aria-describedby={`hint-${name}${error ? ` error-${name}` : ''}`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/**
 * The featured image and an image for the text. Each description comes before its file input and
 * both files come after every other text field: a file over the limit stops the reading, and the
 * text read before it goes back into the form (editor-form.ts).
 */
export function PictureFields(props: PictureFieldsProps) {
  const { featured, errors } = props;
  const kinds = `JPEG, PNG, WebP, GIF or AVIF, up to ${props.maxUploadMb} MB.`;
  return (
    <>
      <fieldset class="featured-image">
        <legend>Featured image</legend>
        <input type="hidden" name="featuredMediaId" value={props.featuredMediaId} />
        {featured && (
          <>
            <picture>
              <source type="image/webp" srcset={srcset(featured, 'webp')} sizes="20rem" />
              <img
                src={fallbackSrc(featured)}
                srcset={srcset(featured, 'jpeg')}
                sizes="20rem"
                alt={props.featuredAlt}
                width={featured.width}
                height={featured.height}
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
          value={props.featuredAlt}
          error={errors.fields.featuredAlt}
          maxLength={300}
        />
        {props.canUpload ? (
          <FileField
            name="image"
            label={featured ? 'Replace with' : 'Upload an image'}
            hint={`${kinds} Saved with the article.`}
            error={errors.fields.image}
          />
        ) : (
          <p class="hint">Contributors cannot upload images; an editor can add one.</p>
        )}
      </fieldset>
      {props.canUpload && (
        <fieldset class="inline-image" data-inline-image data-upload={adminUrls.uploadMedia()}>
          <legend>Image in the text</legend>
          <p class="hint">
            Placed at the end of the text as a Markdown line you can move. With JavaScript on, you can also paste or drop a picture into the
            text. <a href={adminUrls.media()}>Media library</a> lists every uploaded image.
          </p>
          <TextField
            name="alt"
            label="Description of the image (alt text)"
            hint="Required: what the picture shows, for readers who cannot see it."
            value={props.alt}
            error={errors.fields.alt}
            maxLength={300}
          />
          <FileField name="inlineImage" label="Image to place in the text" hint={kinds} error={errors.fields.inlineImage} />
          <button type="submit" name="intent" value="insert-image" class="button">
            Upload and place in the text
          </button>
        </fieldset>
      )}
    </>
  );
}
