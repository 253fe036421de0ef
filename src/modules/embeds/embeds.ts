/** A page on another site whose reply thread Gazette keeps. */
export interface EmbedPage {
  id: number;
  /** The article row (kind `external`) the page's replies hang on. */
  articleId: number;
  /** The site, as an origin. */
  origin: string;
  url: string;
  title: string;
  createdAt: Date;
}

/** Who the trail names for an external page's creation. */
export const EMBED_ACTOR = { id: null, name: 'Embedded replies' } as const;

/** The byline every external page carries (a row because every article needs one; never shown). */
export const EMBED_BYLINE = 'Embedded pages';

/** Pages one site may open threads for, unless `EMBED_PAGES_PER_SITE` says otherwise. */
export const DEFAULT_PAGES_PER_SITE = 10_000;
