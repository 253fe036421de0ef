import { existsSync, mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** Where uploaded images are kept (config.uploadsDir). */
export interface MediaFilesOptions {
  uploadsDir: string;
}

/**
 * Serves uploaded images from `/media/…`. Every file name is new for each upload (a random folder
 * per image), so the files never change and browsers may keep them for a year. Decorates nothing:
 * the assets plugin owns `reply.sendFile`.
 */
const mediaFilesPlugin: FastifyPluginAsync<MediaFilesOptions> = async (app, options) => {
  mkdirSync(options.uploadsDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: options.uploadsDir,
    prefix: '/media/',
    index: false,
    list: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res) => {
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
};

/** The uploaded images under `/media/`. */
export const mediaFiles = fp(mediaFilesPlugin, { fastify: '5.x', name: 'gazette-media-files' });

/** Where a WordPress site's copied uploads folder is (config.wpUploadsDir). */
export interface WpUploadFilesOptions {
  wpUploadsDir: string;
}

/**
 * What an old uploads folder may serve: pictures and the usual media. Not SVG or HTML, which a
 * browser would run as a page of this site; not PHP or anything else a plugin left behind.
 */
const servedFile = /\.(?:jpe?g|png|gif|webp|avif|bmp|ico|pdf|mp3|m4a|ogg|oga|mp4|m4v|webm)$/i;

/** Whether a requested file path (still %-encoded) stays inside the folder and is of a kind served. */
function isServedPath(pathname: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return servedFile.test(path) && !/(?:^|[/\\])\.\.(?:[/\\]|$)|\\|\0/.test(path);
}

/**
 * Serves a WordPress site's copied uploads folder, read-only, at `/wp-content/uploads/…`, so the
 * images of imported articles (whose addresses an import rewrote to these paths) and old links to
 * them keep working. No listing, no index files; anything absent, outside the folder or of
 * another kind is the site's 404. Registered only when the folder exists at start-up: an operator
 * who copies it in restarts Gazette (docs/operations.md).
 */
const wpUploadFilesPlugin: FastifyPluginAsync<WpUploadFilesOptions> = async (app, options) => {
  if (!existsSync(options.wpUploadsDir)) return;
  await app.register(fastifyStatic, {
    root: options.wpUploadsDir,
    prefix: '/wp-content/uploads/',
    index: false,
    list: false,
    redirect: false,
    dotfiles: 'deny',
    decorateReply: false,
    allowedPath: (pathname) => isServedPath(pathname),
    // Old files may be replaced in place by an operator: a day, then ask again.
    cacheControl: false,
    setHeaders: (res) => {
      res.setHeader('cache-control', 'public, max-age=86400');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
};

/** A copied WordPress uploads folder under `/wp-content/uploads/`. */
export const wpUploadFiles = fp(wpUploadFilesPlugin, { fastify: '5.x', name: 'gazette-wp-upload-files' });
