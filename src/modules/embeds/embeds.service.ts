import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Forbidden, Invalid, NotFound } from '../../lib/errors.js';
import { cleanPageTitle, pageUrlOn, type PageUrlProblem } from '../../lib/web-origin.js';
import type { Executor } from '../../storage/db.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleWriter } from '../articles/index.js';
import { EXTERNAL_SECTION } from '../articles/index.js';
import { EMBED_ACTOR, EMBED_BYLINE, type EmbedPage } from './embeds.js';
import * as q from './embeds.queries.js';
import type { EmbedPageRow } from './embeds.table.js';

/** What the embed service needs from elsewhere: the article writer, and the sites the newsroom allowed. */
export interface EmbedPagesDeps {
  db: Kysely<Database>;
  clock: Clock;
  writer: Pick<ArticleWriter, 'importArticle'>;
  /** The origins the newsroom allowed in its discussion settings (read on every call: they change). */
  settingsOrigins: () => Promise<readonly string[]>;
  /** `EMBED_ORIGINS`. */
  configOrigins: readonly string[];
  /** `EMBED_PAGES_PER_SITE`. */
  pagesPerSite: number;
}

/** Other sites' pages and their threads (issue 15). */
export interface EmbedPagesService {
  /** Every allowed origin: `EMBED_ORIGINS` and the discussion settings' list. */
  allowedOrigins(): Promise<string[]>;
  /** Whether a page on this origin may load and post replies. */
  isAllowed(origin: string): Promise<boolean>;
  /**
   * The page at this address on this (allowed) site, recorded on its first visit with its title.
   * Refuses an address that is not an http(s) page of that site, and a new page past the site's limit.
   */
  pageFor(origin: string, pageUrl: string, title: string): Promise<EmbedPage>;
  /** The page at this address on this site, if it has a thread yet (nothing is stored); the address is checked as `pageFor` checks it. */
  findPage(origin: string, pageUrl: string): Promise<EmbedPage | undefined>;
  /** A page by its number; NotFound when there is none. */
  byId(id: number): Promise<EmbedPage>;
  /** The page whose thread is this article, if the article is an external page. */
  byArticleId(articleId: number): Promise<EmbedPage | undefined>;
  /** The sites with at least one page (the desk's filter). */
  sites(): Promise<string[]>;
  /**
   * Records the page of an external article that an import just wrote (inside its transaction),
   * with the checks `pageFor` makes on the address; no per-site limit, since the file's site held them.
   */
  importPage(page: ImportedEmbedPage, options: { within: Executor }): Promise<void>;
}

/** An embedded page as a Gazette export carries it. */
export interface ImportedEmbedPage {
  articleId: number;
  origin: string;
  url: string;
  title: string;
  createdAt: Date;
}

const problemMessages: Record<PageUrlProblem, string> = {
  missing: 'Name the page: data-page-url, a canonical link, or the page address.',
  too_long: 'The page address is too long (at most 2,000 characters). Set data-page-url to the page’s canonical address.',
  not_a_url: 'The page address is not a URL. Set data-page-url to the page’s full canonical address (https://…).',
  not_http: 'The page address must start with https:// or http://.',
  credentials: 'The page address must not carry a user name or password.',
  other_site: 'The page address is on another site than the page embedding the replies. Each site keeps threads for its own pages only.',
};

function toPage(row: EmbedPageRow): EmbedPage {
  return { id: row.id, articleId: row.article_id, origin: row.origin, url: row.url, title: row.title, createdAt: new Date(row.created_at) };
}

/** The embed service over the database; each page's thread is an article of kind `external`. */
export function createEmbedPagesService(deps: EmbedPagesDeps): EmbedPagesService {
  const { db } = deps;
  async function allowedOrigins(): Promise<string[]> {
    return [...new Set([...deps.configOrigins, ...(await deps.settingsOrigins())])];
  }
  function checkedUrl(origin: string, pageUrl: string): string {
    const checked = pageUrlOn(origin, pageUrl);
    if ('problem' in checked) throw new Invalid(problemMessages[checked.problem], 'page_url');
    return checked.url;
  }
  return {
    allowedOrigins,
    async findPage(origin, pageUrl) {
      const row = await q.findByUrl(db, checkedUrl(origin, pageUrl));
      return row ? toPage(row) : undefined;
    },
    async byId(id) {
      const row = await q.findById(db, id);
      if (!row) throw new NotFound('There is no embedded page with this number.');
      return toPage(row);
    },
    async isAllowed(origin) {
      return (await allowedOrigins()).includes(origin);
    },
    async pageFor(origin, pageUrl, rawTitle) {
      const checked = { url: checkedUrl(origin, pageUrl) };
      const known = await q.findByUrl(db, checked.url);
      if (known) return toPage(known);
      const title = cleanPageTitle(rawTitle) || checked.url.slice(0, 300);
      const now = deps.clock.now();
      try {
        await db.transaction().execute(async (trx) => {
          // Counted inside the write, so a flood of invented addresses stops at the limit (two
          // racing requests may pass it by one; the point is thousands, not one).
          if ((await q.countForOrigin(trx, origin)) >= deps.pagesPerSite)
            throw new Forbidden(
              `This site already has replies on ${deps.pagesPerSite.toLocaleString('en-US')} pages, the most Gazette keeps for one site (EMBED_PAGES_PER_SITE). Ask the newsroom to raise the limit.`,
              'page_url',
            );
          const articleId = await deps.writer.importArticle(
            {
              headline: title,
              bodyMarkdown: `Replies to a page on ${new URL(origin).host}.`,
              author: { name: EMBED_BYLINE },
              section: EXTERNAL_SECTION.name,
              sectionSlug: EXTERNAL_SECTION.slug,
              status: 'published',
              publishedAt: now,
              kind: 'external',
            },
            EMBED_ACTOR,
            { within: trx },
          );
          await q.insertPage(trx, { article_id: articleId, origin, url: checked.url, title, created_at: now.toISOString() });
        });
      } catch (error) {
        // Two first visits racing: the other one's row is the page.
        const raced = await q.findByUrl(db, checked.url);
        if (raced) return toPage(raced);
        throw error;
      }
      return toPage((await q.findByUrl(db, checked.url))!);
    },
    async importPage(page, { within }) {
      let origin: string;
      try {
        origin = new URL(page.origin).origin;
      } catch {
        throw new Invalid(`${page.origin.slice(0, 80)} is not a site address (https://host).`, 'origin');
      }
      if (origin !== page.origin) throw new Invalid(`${page.origin.slice(0, 80)} is not a bare site address (https://host).`, 'origin');
      const url = checkedUrl(origin, page.url);
      const title = cleanPageTitle(page.title) || url.slice(0, 300);
      await q.insertPage(within, { article_id: page.articleId, origin, url, title, created_at: page.createdAt.toISOString() });
    },
    async byArticleId(articleId) {
      const row = await q.findByArticleId(db, articleId);
      return row ? toPage(row) : undefined;
    },
    sites: () => q.listOrigins(db),
  };
}
