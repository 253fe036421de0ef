import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Media } from './media.js';
import { loadSharp } from './sharp-loader.js';

/** Gazette's own icon: a "G" drawn with paths (no font), so it renders the same on every machine. */
export const defaultIconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="#1b1b1b"/>
<path d="M44.3 21.7 A16 16 0 1 0 48 32 H34" fill="none" stroke="#ffffff" stroke-width="7"/>
</svg>`;

/** The side of the square icon served as `/favicon.ico`: sharp on high-density screens, small on the wire. */
export const ICON_SIZE = 64;

/** A square PNG of `input` (an image's bytes), the picture fitted inside on a transparent ground. */
export async function squareIconPng(input: Buffer, size = ICON_SIZE): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(input, { limitInputPixels: 50_000_000 })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
}

/** A square PNG icon made from an uploaded image's smallest size (the WebP one keeps transparency). */
export async function mediaIconPng(uploadsDir: string, media: Media, size = ICON_SIZE): Promise<Buffer> {
  const smallest = media.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width)[0] ?? media.variants[0]!;
  return squareIconPng(await readFile(join(uploadsDir, media.key, smallest.file)), size);
}
