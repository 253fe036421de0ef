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
