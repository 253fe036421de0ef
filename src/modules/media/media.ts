import { Invalid } from '../../lib/errors.js';

/** One file made from an upload. */
export interface MediaVariant {
  file: string;
  width: number;
  format: 'webp' | 'jpeg';
}

/** An uploaded image and its responsive sizes. */
export interface Media {
  id: number;
  key: string;
  originalName: string;
  width: number;
  height: number;
  variants: MediaVariant[];
}

/** The widths Gazette makes of every image (never wider than the original). */
export const mediaWidths = [480, 960, 1600] as const;

/** The path an image file is served at. */
export function mediaPath(key: string, file: string): string {
  return `/media/${key}/${file}`;
}

/** `srcset` for one format, e.g. "/media/k/480.webp 480w, /media/k/960.webp 960w". */
export function srcset(media: Media, format: MediaVariant['format']): string {
  return media.variants
    .filter((v) => v.format === format)
    .map((v) => `${mediaPath(media.key, v.file)} ${v.width}w`)
    .join(', ');
}

/** The largest fallback (JPEG) file, for `src`. */
export function fallbackSrc(media: Media): string {
  const jpegs = media.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width);
  const middle = jpegs.find((v) => v.width <= 960) ?? jpegs[jpegs.length - 1]!;
  return mediaPath(media.key, middle.file);
}

/**
 * The largest JPEG of an image with its own height (sharp keeps the aspect ratio, rounding), for
 * places that take one file: Open Graph, Twitter cards, JSON-LD. JPEG because every link-preview
 * crawler reads it.
 */
export function largestJpeg(media: Pick<Media, 'key' | 'width' | 'height' | 'variants'>): { path: string; width: number; height: number } {
  const jpegs = media.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width);
  const best = jpegs[0]!;
  return { path: mediaPath(media.key, best.file), width: best.width, height: Math.round((best.width * media.height) / media.width) };
}

/** The longest image description accepted, in characters. */
export const ALT_LIMIT = 300;

/**
 * The description an image in the text carries, cleaned; refuses an empty or over-long one
 * (WCAG 1.1.1: every picture in an article needs a text alternative).
 */
export function checkAlt(alt: string | undefined): string {
  const text = (alt ?? '').replace(/\s+/g, ' ').trim();
  if (!text) {
    throw new Invalid(
      'Describe the picture in a few words (alt text) before uploading it: readers who cannot see it hear this instead.',
      'alt',
    );
  }
  if (text.length > ALT_LIMIT) throw new Invalid(`The image description is too long: keep it under ${ALT_LIMIT} characters.`, 'alt');
  return text;
}

/** The Markdown that places an image in a text: `![description](/media/key/960.jpg)`. */
export function imageMarkdown(media: Media, alt: string): string {
  // Brackets and backslashes would end or bend the description; a newline would end the image.
  const safe = alt.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
  return `![${safe}](${fallbackSrc(media)})`;
}

/** The keys of the uploaded images a text uses (at most `limit`, in order of first use). */
export function mediaKeysIn(text: string, limit = 200): string[] {
  const keys = new Set<string>();
  for (const match of text.matchAll(/\/media\/([0-9a-f]{24})\//g)) {
    keys.add(match[1]!);
    if (keys.size >= limit) break;
  }
  return [...keys];
}
