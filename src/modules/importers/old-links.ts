import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { Database } from '../../storage/schema.js';
import { normaliseOldPath } from './legacy-keys.js';
import * as q from './old-links.queries.js';

/**
 * Where an old address of an imported site now lives, named by what it is (the web layer turns it
 * into a URL): an article (a story or a page) by its current slug, its replies feed, a section, a
 * tag, an author's page, the site feed, or the site's replies feed.
 */
export type OldLinkTarget =
  | { kind: 'article'; slug: string }
  | { kind: 'article-replies-feed'; slug: string }
  | { kind: 'section'; slug: string }
  | { kind: 'tag'; slug: string }
  | { kind: 'author'; slug: string }
  | { kind: 'site-feed'; format: 'rss' | 'atom' }
  | { kind: 'site-replies-feed' };

/** Answers old addresses (WordPress permalinks, `?p=` links, feeds) from the legacy keys an import recorded. */
export interface OldLinks {
  /**
   * Where an old path (with its query) leads now, or undefined when it names nothing public. Any
   * string is safe to pass: over-long or odd input is undefined, never an error of its own.
   */
  resolve(pathAndQuery: string): Promise<OldLinkTarget | undefined>;
}

/** Longer than any permalink WordPress makes; past it nothing is looked up at all. */
const MAX_LENGTH = 2048;
const MAX_SEGMENTS = 16;

/** Gazette's own areas: a miss there is Gazette's 404, never an old link. */
const ownAreas = /^\/(?:api|admin|assets|media|wp-content)(?:[/?#]|$)/i;

/** What WordPress appends to a post's address: AMP views, comment pages, paged posts, trackbacks, embeds. */
export function withoutDecorations(segments: string[]): string[] {
  const s = [...segments];
  for (;;) {
    const last = s.at(-1) ?? '';
    if (last === 'amp' || last === 'trackback' || last === 'embed' || /^comment-page-\d{1,9}$/.test(last)) s.pop();
    else if (/^\d{1,9}$/.test(last) && s.at(-2) === 'page') s.splice(-2);
    else return s;
  }
}

/** `/feed/`, `/feed/rss2/`, `/feed/atom/` at the end of a path: the format, and what the feed is of. */
export function feedOf(segments: string[]): { format: 'rss' | 'atom'; of: string[] } | undefined {
  if (segments.at(-1) === 'feed') return { format: 'rss', of: segments.slice(0, -1) };
  const kind = segments.at(-1) ?? '';
  if (segments.at(-2) === 'feed' && ['rss2', 'rss', 'rdf', 'atom'].includes(kind)) {
    return { format: kind === 'atom' ? 'atom' : 'rss', of: segments.slice(0, -2) };
  }
  return undefined;
}

/** The site feed a `?feed=` value names (WordPress's "ugly" feed links). */
function queryFeed(value: string): OldLinkTarget | undefined {
  const v = value.toLowerCase();
  if (v === 'rss2' || v === 'rss' || v === 'rdf' || v === '') return { kind: 'site-feed', format: 'rss' };
  if (v === 'atom') return { kind: 'site-feed', format: 'atom' };
  if (v === 'comments-rss2' || v === 'comments-atom') return { kind: 'site-replies-feed' };
  return undefined;
}

/** Old links resolved against the legacy keys, at the clock's time (so a scheduled article goes live on time here too). */
export function createOldLinks(db: Kysely<Database>, clock: Clock): OldLinks {
  const now = () => clock.now().toISOString();

  /** An article's current slug from its old path: the exact old permalink first, then its last segment as a slug. */
  async function articleAt(segments: string[]): Promise<string | undefined> {
    if (segments.length === 0) return undefined;
    return (
      (await q.publicArticleSlugByKey(db, 'wp-path', `/${segments.join('/')}`, now())) ??
      (await q.publicArticleSlugByKey(db, 'wp-slug', segments.at(-1)!, now()))
    );
  }

  async function fromQuery(rawQuery: string): Promise<OldLinkTarget | undefined> {
    // URLSearchParams never throws: a broken escape stays as typed.
    const params = new URLSearchParams(rawQuery);
    const id = params.get('p') ?? params.get('page_id');
    const feed = params.get('feed');
    if (id !== null) {
      if (!/^[1-9][0-9]{0,18}$/.test(id)) return undefined;
      const slug = await q.publicArticleSlugByKey(db, 'wp-post', id, now());
      if (!slug) return undefined;
      // `/?p=12&feed=rss2` is that post's comments feed.
      return feed !== null ? { kind: 'article-replies-feed', slug } : { kind: 'article', slug };
    }
    return feed !== null ? queryFeed(feed) : undefined;
  }

  async function fromPath(all: string[]): Promise<OldLinkTarget | undefined> {
    const feed = feedOf(all);
    if (feed) {
      if (feed.of.length === 0) return { kind: 'site-feed', format: feed.format };
      if (feed.of.length === 1 && feed.of[0] === 'comments') return { kind: 'site-replies-feed' };
      if (['category', 'tag', 'author'].includes(feed.of[0]!)) return undefined;
      const slug = await articleAt(withoutDecorations(feed.of));
      return slug ? { kind: 'article-replies-feed', slug } : undefined;
    }
    const segments = withoutDecorations(all);
    const [first] = segments;
    const last = segments.at(-1);
    if (first === undefined || last === undefined) return undefined;
    // `/category/parent/child/`: the child is the category.
    if (first === 'category' && segments.length >= 2) {
      const slug = await q.sectionSlugByKey(db, last);
      return slug ? { kind: 'section', slug } : undefined;
    }
    if (first === 'tag' && segments.length === 2) {
      const slug = await q.tagSlugByKey(db, last);
      return slug ? { kind: 'tag', slug } : undefined;
    }
    if (first === 'author' && segments.length === 2) {
      const slug = await q.authorSlugByKey(db, last);
      return slug ? { kind: 'author', slug } : undefined;
    }
    const slug = await articleAt(segments);
    return slug ? { kind: 'article', slug } : undefined;
  }

  return {
    async resolve(pathAndQuery) {
      if (pathAndQuery.length > MAX_LENGTH || !pathAndQuery.startsWith('/') || ownAreas.test(pathAndQuery)) return undefined;
      const [beforeFragment = ''] = pathAndQuery.split('#', 1);
      const queryAt = beforeFragment.indexOf('?');
      const rawPath = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
      const normalised = normaliseOldPath(rawPath);
      // No slug holds a control character, and PostgreSQL refuses a NUL in text: such a path names nothing.
      if (/[\u0000-\u001f\u007f]/.test(normalised)) return undefined;
      const segments = normalised.split('/').filter((s) => s !== '');
      if (segments.length > MAX_SEGMENTS) return undefined;
      return segments.length === 0 ? fromQuery(queryAt === -1 ? '' : beforeFragment.slice(queryAt + 1)) : fromPath(segments);
    },
  };
}
