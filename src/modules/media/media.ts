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
