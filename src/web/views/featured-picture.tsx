import type { FeaturedImage } from '../../modules/articles/index.js';
import { fallbackSrc, srcset } from '../../modules/media/index.js';

/**
 * An article's featured image: WebP sizes for browsers that take them, JPEG for the rest, the
 * browser choosing the width it needs; width and height given so nothing shifts as it loads.
 */
export function FeaturedPicture(props: { image: FeaturedImage }) {
  const media = { id: 0, originalName: '', ...props.image };
  const sizes = '(min-width: 48rem) 44rem, 100vw';
  return (
    <figure class="featured-image">
      <picture>
        <source type="image/webp" srcset={srcset(media, 'webp')} sizes={sizes} />
        <img
          src={fallbackSrc(media)}
          srcset={srcset(media, 'jpeg')}
          sizes={sizes}
          alt={props.image.alt}
          width={props.image.width}
          height={props.image.height}
        />
      </picture>
    </figure>
  );
}

/**
 * An imported article's featured image, kept at its path on this site (`/wp-content/uploads/…`):
 * one file of unknown size, so there are no sizes to offer the browser.
 */
export function KeptPicture(props: { image: { path: string; alt: string } }) {
  return (
    <figure class="featured-image">
      <img src={props.image.path} alt={props.image.alt} decoding="async" />
    </figure>
  );
}
