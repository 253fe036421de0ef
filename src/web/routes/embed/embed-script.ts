import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { projectRoot } from '../../../lib/project-root.js';

/** Where the widget's script and stylesheet sources live (not under /assets/: served only as one file). */
export const embedWidgetDir = join(projectRoot(import.meta.url), 'src', 'web', 'embed-widget');

/** The script as served: embed.js with its stylesheet inlined as a string (one file for the host page to load). */
export function buildEmbedScript(dir: string = embedWidgetDir): string {
  const css = readFileSync(join(dir, 'embed.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return readFileSync(join(dir, 'embed.js'), 'utf8').replace('__GAZETTE_CSS__', () => JSON.stringify(css));
}

/**
 * `GET /embed.js`: the widget other sites load. Its address has no version (it is in their
 * pages), so browsers keep it for an hour and revalidate by ETag. It must be loadable from any
 * origin (`Cross-Origin-Resource-Policy: cross-origin`); who may then use the API is the allow-list's business.
 */
export const embedScriptRoute: FastifyPluginAsync = async (app) => {
  const body = buildEmbedScript();
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 20)}"`;
  app.get('/embed.js', async (request, reply) => {
    reply
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('cache-control', 'public, max-age=3600')
      .header('etag', etag)
      .type('text/javascript; charset=utf-8');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  });
};
