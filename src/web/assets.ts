import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../lib/project-root.js';
import { fontFiles } from './fonts.js';

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

const forever = 'public, max-age=31536000, immutable';

/**
 * Serves `/assets/*`; versioned URLs are immutable. Decorates the reply with `sendFile` (@fastify/static).
 * `/assets/fonts/<file>` serves the listed font files straight from their npm packages (fonts.ts):
 * nothing is copied at build time, and no other file of those packages is reachable.
 */
const assets: FastifyPluginAsync<AssetsOptions> = async (app, options) => {
  await app.register(fastifyStatic, {
    root: options.root ?? assetsDir,
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', forever),
  });
  const fonts = fontFiles();
  app.get<{ Params: { file: string } }>('/assets/fonts/:file', async (request, reply) => {
    const font = fonts.get(request.params.file);
    if (!font) return reply.callNotFound();
    // Immutable like the rest: the packages are pinned to exact versions, and an upgrade that
    // changes a file must change its URL too (src/web/CONTEXT.md, "Fronts, pictures and fonts").
    return reply.header('cache-control', forever).type('font/woff2').sendFile(font.name, font.dir);
  });
};

/** The stylesheets and scripts under `/assets/`. */
export const assetFiles = fp(assets, { fastify: '5.x', name: 'gazette-assets' });
