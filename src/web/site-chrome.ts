import type { Container } from '../container.js';
import { defaultSiteSettings, type SiteSettings } from '../modules/settings/index.js';
import { fallbackSrc, srcset, type Media } from '../modules/media/index.js';
import type { SiteChrome, SiteLogo } from './views/layout.js';

/** The logo as the masthead shows it: the uploaded picture's sizes, the site title as its text. */
function logoOf(media: Media): SiteLogo {
  return { src: fallbackSrc(media), srcset: srcset(media, 'webp'), width: media.width, height: media.height };
}

/**
 * Loads what every page's frame shows: the site settings (title, menu, language, time zone, pictures)
 * and the sections. Falls back to the environment's settings and no sections when the database is away.
 */
export function createChromeLoader(container: Pick<Container, 'config' | 'articles' | 'site' | 'media'>, assetVersion: string) {
  const { siteUrl } = container.config;
  // Uploaded pictures never change (each upload gets a new id), so their sizes are looked up once.
  const logos = new Map<number, Promise<SiteLogo | undefined>>();
  const logo = (id: number | null): Promise<SiteLogo | undefined> => {
    if (id === null) return Promise.resolve(undefined);
    let found = logos.get(id);
    if (!found) {
      found = container.media.find(id).then((m) => (m ? logoOf(m) : undefined));
      found.catch(() => logos.delete(id));
      logos.set(id, found);
    }
    return found;
  };
  const frame = (site: SiteSettings, sections: SiteChrome['sections'], siteLogo?: SiteLogo): SiteChrome => ({
    siteTitle: site.title,
    description: site.description,
    language: site.language,
    timeZone: site.timeZone,
    navigation: site.navigation,
    faviconVersion: site.faviconMediaId === null ? 'gazette' : String(site.faviconMediaId),
    ...(siteLogo ? { logo: siteLogo } : {}),
    siteUrl,
    assetVersion,
    sections,
  });
  const offlineSettings = defaultSiteSettings(container.config);
  return {
    async load(): Promise<SiteChrome> {
      const site = await container.site.current();
      const [sections, siteLogo] = await Promise.all([container.articles.sections(), logo(site.logoMediaId)]);
      return frame(site, sections, siteLogo);
    },
    /** The frame with no database round trip at all (the environment's title, no section links), for answers that must stay cheap. */
    offline(): SiteChrome {
      return frame(offlineSettings, []);
    },
    /** The frame without a database round trip, for error pages. */
    async loadSafely(): Promise<SiteChrome> {
      try {
        return await this.load();
      } catch {
        return frame(offlineSettings, []);
      }
    },
  };
}

export type ChromeLoader = ReturnType<typeof createChromeLoader>;
