import type { FastifyInstance } from 'fastify';
import { defaultIconSvg, mediaIconPng, squareIconPng } from '../../../modules/media/index.js';
import type { NeedsOf, RouteDeps } from '../../route-deps.js';

/** The services the favicon uses. */
export const faviconNeeds = ['site', 'media', 'config'] as const;

/**
 * `/favicon.ico`: the icon chosen in the site settings, else Gazette's own, as a square PNG.
 * Browsers ask for this address whatever the page says, and every browser in use reads PNG
 * bytes there (the `.ico` name is a convention, the Content-Type decides).
 */
export async function faviconRoutes(app: FastifyInstance, { container }: RouteDeps<NeedsOf<typeof faviconNeeds>>): Promise<void> {
  // Made once per icon: a media id's files never change, and Gazette's own icon never does.
  const icons = new Map<number | 'default', Promise<Buffer>>();
  const iconFor = (id: number | null): Promise<Buffer> => {
    const key = id ?? 'default';
    let icon = icons.get(key);
    if (!icon) {
      icon = (async () => {
        const media = id === null ? undefined : await container.media.find(id);
        // A stored id whose files are gone falls back to Gazette's icon rather than a broken one.
        if (media) return mediaIconPng(container.config.uploadsDir, media).catch(() => squareIconPng(Buffer.from(defaultIconSvg)));
        return squareIconPng(Buffer.from(defaultIconSvg));
      })();
      icon.catch(() => icons.delete(key));
      icons.set(key, icon);
    }
    return icon;
  };

  app.get('/favicon.ico', async (_request, reply) => {
    const { faviconMediaId } = await container.site.current();
    const icon = await iconFor(faviconMediaId);
    // An hour: the address stays the same when the icon changes (pages link it with a version).
    return reply.type('image/png').header('cache-control', 'public, max-age=3600').send(icon);
  });
}
