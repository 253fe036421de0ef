import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../lib/project-root.js';

/** The folder holding the stylesheets and the reply form script. */
export const assetsDir = join(projectRoot(import.meta.url), 'src', 'web', 'assets');

/** A short hash of every asset, used as `?v=` so browsers may cache them forever. */
export function computeAssetVersion(dir: string = assetsDir): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 12);
}

/** Where the assets are read from; `assetsDir` unless a test says otherwise. */
export interface AssetsOptions {
  root?: string;
}

/** Serves `/assets/*`; versioned URLs are immutable. Decorates the reply with `sendFile` (@fastify/static). */
const assets: FastifyPluginAsync<AssetsOptions> = async (app, options) => {
  await app.register(fastifyStatic, {
    root: options.root ?? assetsDir,
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=31536000, immutable'),
  });
};

/** The stylesheets and scripts under `/assets/`. */
export const assetFiles = fp(assets, { fastify: '5.x', name: 'gazette-assets' });
