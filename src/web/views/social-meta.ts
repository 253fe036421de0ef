import type { ArticleView } from '../../modules/articles/index.js';
import { largestJpeg } from '../../modules/media/index.js';

/** The one picture a shared link shows: an absolute URL of a file this site serves. */
export interface SocialImage {
  url: string;
  /** Known for uploaded images (their stored sizes); unknown for a kept imported file. */
  width?: number;
  height?: number;
  alt: string;
}

/** An article's picture for link previews: the largest JPEG of its upload, or its kept imported file. */
export function socialImage(siteUrl: string, a: ArticleView): SocialImage | undefined {
  if (a.featuredImage) {
    const jpeg = largestJpeg(a.featuredImage);
    return { url: siteUrl + jpeg.path, width: jpeg.width, height: jpeg.height, alt: a.featuredImage.alt };
  }
  if (a.keptImage) return { url: siteUrl + a.keptImage.path, alt: a.keptImage.alt };
  return undefined;
}

/** Open Graph's image properties (ogp.me "Structured Properties"): `og:image` first, then its details. */
export function openGraphImage(image: SocialImage | undefined): Record<string, string> {
  if (!image) return {};
  return {
    'og:image': image.url,
    ...(image.width && image.height ? { 'og:image:width': String(image.width), 'og:image:height': String(image.height) } : {}),
    ...(image.alt ? { 'og:image:alt': image.alt } : {}),
  };
}

/** Twitter's card: a large picture when there is one, the plain summary card otherwise. */
export function twitterCard(image: SocialImage | undefined, title: string, description: string): Record<string, string> {
  return {
    'twitter:card': image ? 'summary_large_image' : 'summary',
    'twitter:title': title,
    ...(description ? { 'twitter:description': description } : {}),
    ...(image ? { 'twitter:image': image.url, ...(image.alt ? { 'twitter:image:alt': image.alt } : {}) } : {}),
  };
}

/** schema.org's `image` of an article: an ImageObject with its size when known. */
export function jsonLdImage(image: SocialImage | undefined): unknown {
  if (!image) return undefined;
  return image.width && image.height ? { '@type': 'ImageObject', url: image.url, width: image.width, height: image.height } : image.url;
}
