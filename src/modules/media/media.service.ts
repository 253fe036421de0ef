import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile as writeFileOnDisk } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { Metadata } from 'sharp';
import type { Clock } from '../../lib/clock.js';
import { cleanReaderLine } from '../../lib/reader-text.js';
import { Invalid, Unavailable } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { Database } from '../../storage/schema.js';
import type { MediaTable } from './media.table.js';
import { checkAlt, imageMarkdown, mediaKeysIn, mediaWidths, srcset, type Media, type MediaVariant } from './media.js';
import { findMedia, findMediaByKeys, insertMedia, listMedia } from './media.queries.js';
import { loadSharp } from './sharp-loader.js';

/** Storing uploaded images in responsive sizes. */
export interface MediaService {
  /** Checks that the bytes are an image (by content, not by name), makes its sizes, stores them. */
  upload(bytes: Buffer, originalName: string, uploadedBy: number | null): Promise<Media>;
  /**
   * Stores an image for the text of an article: refuses a missing description (`alt`) before
   * anything is stored, then uploads; answers the Markdown that places it.
   */
  uploadForText(
    bytes: Buffer,
    originalName: string,
    alt: string | undefined,
    uploadedBy: number | null,
  ): Promise<{ media: Media; markdown: string }>;
  find(id: number): Promise<Media | undefined>;
  /** The media library: the newest uploads first, a page at a time. */
  list(options: { limit: number; beforeId?: number }): Promise<Media[]>;
  /** The uploaded images `text` uses, by key, with the `srcset` and sizes their `<img>` gets. */
  inlineImagesIn(text: string): Promise<Record<string, { srcset: string; width: number; height: number }>>;
}

/** Formats sharp reads that newsrooms send; anything else is refused. */
const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff', 'heif']);
/** A decompression bomb guard: 50 megapixels is far above any camera a newsroom uses. */
const MAX_PIXELS = 50_000_000;

function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    key: row.key,
    originalName: row.original_name,
    width: row.width,
    height: row.height,
    variants: JSON.parse(row.variants_json) as MediaVariant[],
  };
}

/** What the media service needs; `writeFile` is the seam where the disk can say it is full. */
export interface MediaServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  uploadsDir: string;
  logger: Pick<Logger, 'error'>;
  writeFile?: (path: string, data: Buffer) => Promise<void>;
}

/** The disk or the uploads folder's quota is full: errno codes, not a fault of the image. */
const outOfSpaceCodes = new Set(['ENOSPC', 'EDQUOT']);

function isOutOfSpace(error: unknown): boolean {
  return outOfSpaceCodes.has(String((error as { code?: unknown } | null)?.code));
}

/** Media over the database, with files under `uploadsDir`. */
export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { db, clock, uploadsDir } = deps;
  const writeFile = deps.writeFile ?? writeFileOnDisk;
  const service: MediaService = {
    async uploadForText(bytes, originalName, alt, uploadedBy) {
      const description = checkAlt(alt);
      const media = await service.upload(bytes, originalName, uploadedBy);
      return { media, markdown: imageMarkdown(media, description) };
    },
    async upload(bytes, originalName, uploadedBy) {
      // Loaded before the check: a sharp that cannot load is the server's fault, not the picture's.
      const sharp = await loadSharp();
      let meta: Metadata;
      try {
        meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
      } catch {
        throw new Invalid('That file is not an image Gazette can read. Upload a JPEG, PNG, WebP, GIF or AVIF picture.', 'image');
      }
      if (!meta.format || !acceptedFormats.has(meta.format) || !meta.width || !meta.height) {
        throw new Invalid('That file is not an image Gazette can read. Upload a JPEG, PNG, WebP, GIF or AVIF picture.', 'image');
      }
      // EXIF orientation decides which side is the width once the picture is upright.
      const upright =
        (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
      const widths = [...new Set(mediaWidths.map((w) => Math.min(w, upright.width)))];
      const key = randomBytes(12).toString('hex');
      const dir = join(uploadsDir, key);
      const variants: MediaVariant[] = [];
      try {
        await mkdir(dir, { recursive: true });
        for (const width of widths) {
          // rotate() applies the EXIF orientation; metadata (location, camera) is not copied.
          const base = sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width, withoutEnlargement: true });
          await writeFile(join(dir, `${width}.webp`), await base.clone().webp({ quality: 80 }).toBuffer());
          await writeFile(
            join(dir, `${width}.jpg`),
            await base.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true }).toBuffer(),
          );
          variants.push({ file: `${width}.webp`, width, format: 'webp' }, { file: `${width}.jpg`, width, format: 'jpeg' });
        }
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        if (isOutOfSpace(error)) {
          // The server's fault, not the picture's: say so, and tell the operator.
          deps.logger.error({ err: error, uploadsDir }, 'media: out of disk space storing an uploaded image');
          throw new Unavailable(
            'The server is out of storage space, so the image could not be saved (nothing is wrong with the image). Tell the site’s administrator, then try again.',
            'image',
          );
        }
        throw new Invalid('That image could not be processed; it may be damaged. Try another file.', 'image');
      }
      // A browser-sent file name: NUL, halves of surrogate pairs and controls out (PostgreSQL
      // refuses NUL), cut by code point so the cut cannot leave half a pair.
      const name = Array.from(cleanReaderLine(originalName.replace(/\0|\p{Cs}/gu, '')))
        .slice(0, 200)
        .join('');
      const id = await insertMedia(db, {
        key,
        original_name: name,
        width: upright.width,
        height: upright.height,
        variants_json: JSON.stringify(variants),
        uploaded_by: uploadedBy,
        created_at: clock.now().toISOString(),
      });
      return { id, key, originalName: name, width: upright.width, height: upright.height, variants };
    },
    async find(id) {
      const row = await findMedia(db, id);
      return row ? toMedia(row) : undefined;
    },
    async list(options) {
      return (await listMedia(db, options)).map(toMedia);
    },
    // An arrow function: the container hands it on by itself, without `this`.
    inlineImagesIn: async (text) => {
      const keys = mediaKeysIn(text);
      if (keys.length === 0) return {};
      const images: Record<string, { srcset: string; width: number; height: number }> = {};
      for (const media of (await findMediaByKeys(db, keys)).map(toMedia)) {
        images[media.key] = { srcset: srcset(media, 'webp'), width: media.width, height: media.height };
      }
      return images;
    },
  };
  return service;
}
