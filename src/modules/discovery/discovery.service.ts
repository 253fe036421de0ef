import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import * as q from './discovery.queries.js';

/**
 * Most URLs one sitemap file may list (sitemaps.org protocol 0.9, "Sitemap index files": 50,000
 * URLs and 50 MB uncompressed per file), so larger sites are split into chunks named by an index.
 */
export const SITEMAP_CHUNK_LIMIT = 50_000;
/** Google News sitemaps list articles published in the last two days, at most 1,000 of them. */
export const NEWS_SITEMAP_HOURS = 48;
export const NEWS_SITEMAP_LIMIT = 1_000;

/** What a sitemap index lists: how many chunks of each kind there are. */
export interface SitemapChunks {
  articles: number;
  tags: number;
}

/** What search engines are told about the site: the addresses of its public stories and tags. */
export interface DiscoveryService {
  /** How many chunk files each kind of address needs. */
  chunks(): Promise<SitemapChunks>;
  /** The stories of chunk `n` (1-based), oldest first; NotFound beyond the last chunk. */
  articleChunk(n: number): Promise<{ slug: string; updatedAt: Date }[]>;
  /** The tags of chunk `n` (1-based); NotFound beyond the last chunk. */
  tagChunk(n: number): Promise<{ slug: string }[]>;
  /** The stories published in the last 48 hours, newest first (Google News sitemap). */
  recentNews(): Promise<{ slug: string; headline: string; publishedAt: Date }[]>;
}

/** What the discovery service needs; `chunkSize` is for tests (default `SITEMAP_CHUNK_LIMIT`). */
export interface DiscoveryDeps {
  db: Kysely<Database>;
  clock: Clock;
  chunkSize?: number;
}

/** The discovery service over the database. */
export function createDiscoveryService(deps: DiscoveryDeps): DiscoveryService {
  const { db, clock } = deps;
  const size = Math.min(deps.chunkSize ?? SITEMAP_CHUNK_LIMIT, SITEMAP_CHUNK_LIMIT);
  const nowIso = () => clock.now().toISOString();
  const chunkCount = (n: number) => Math.ceil(n / size);
  // Chunk 1 always exists (an empty file for a new site), so the index never lists nothing.
  const checked = (n: number, count: number) => {
    if (!Number.isSafeInteger(n) || n < 1 || n > Math.max(1, count)) throw new NotFound('There is no such sitemap.');
  };
  return {
    async chunks() {
      const [articles, tags] = await Promise.all([q.countPublicStories(db, nowIso()), q.countUsedTags(db)]);
      return { articles: Math.max(1, chunkCount(articles)), tags: Math.max(1, chunkCount(tags)) };
    },
    async articleChunk(n) {
      checked(n, chunkCount(await q.countPublicStories(db, nowIso())));
      const rows = await q.storyAddresses(db, nowIso(), (n - 1) * size, size);
      return rows.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at) }));
    },
    async tagChunk(n) {
      checked(n, chunkCount(await q.countUsedTags(db)));
      return q.tagAddresses(db, (n - 1) * size, size);
    },
    async recentNews() {
      const now = clock.now();
      const since = new Date(now.getTime() - NEWS_SITEMAP_HOURS * 3_600_000).toISOString();
      const rows = await q.storiesSince(db, now.toISOString(), since, NEWS_SITEMAP_LIMIT);
      return rows.map((r) => ({ slug: r.slug, headline: r.headline, publishedAt: new Date(r.published_at!) }));
    },
  };
}
