import { mkdirSync } from 'node:fs';
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
