import type { FeaturedImage } from '../../modules/articles/index.js';
import { fallbackSrc, srcset } from '../../modules/media/index.js';

/** How a picture is fetched: the one picture of the first screen at once, the others when scrolled to. */
export type PictureLoading = 'first-screen' | 'lazy';

/**
 * One uploaded image in all its sizes: WebP for browsers that take it, JPEG for the rest, the
 * browser choosing the width `sizes` says it will be drawn at. width and height are given, so the
 * box is reserved before a byte arrives (no layout shift); a stylesheet may crop it to another
 * ratio with `aspect-ratio` and `object-fit`.
 */
export function ResponsivePicture(props: { image: FeaturedImage; sizes: string; loading?: PictureLoading }) {
  const media = { id: 0, originalName: '', ...props.image };
  const first = props.loading === 'first-screen';
  return (
    <picture>
      <source type="image/webp" srcset={srcset(media, 'webp')} sizes={props.sizes} />
      <img
        src={fallbackSrc(media)}
        srcset={srcset(media, 'jpeg')}
        sizes={props.sizes}
        alt={props.image.alt}
        width={props.image.width}
        height={props.image.height}
        loading={first ? 'eager' : 'lazy'}
        decoding="async"
        {...(first ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}

/** An article's featured image at the head of the article page (the column is 44rem at most). */
export function FeaturedPicture(props: { image: FeaturedImage }) {
  return (
    <figure class="featured-image">
      <ResponsivePicture image={props.image} sizes="(min-width: 48rem) 44rem, 100vw" loading="first-screen" />
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
