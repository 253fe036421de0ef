import type { Container } from '../container.js';
import type { SiteChrome } from './views/layout.js';

/** Loads what every page's frame shows. Falls back to no sections when the database is away. */
export function createChromeLoader(container: Pick<Container, 'config' | 'articles'>, assetVersion: string) {
  const base = { siteTitle: container.config.siteTitle, siteUrl: container.config.siteUrl, assetVersion };
  return {
    async load(): Promise<SiteChrome> {
      return { ...base, sections: await container.articles.sections() };
    },
    /** The frame with no database round trip at all (no section links), for answers that must stay cheap. */
    offline(): SiteChrome {
      return { ...base, sections: [] };
    },
    /** The frame without a database round trip, for error pages. */
    async loadSafely(): Promise<SiteChrome> {
      try {
        return await this.load();
      } catch {
        return { ...base, sections: [] };
      }
    },
  };
}

export type ChromeLoader = ReturnType<typeof createChromeLoader>;
