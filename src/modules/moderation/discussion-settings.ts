/**
 * What moderators tune about replies (PRODUCT.md, "Discussion settings"). Defaults follow
 * WordPress where readers and moderators expect it, and do better where REFERENCE.md says so.
 */
/**
 * The longest hold or block word list, in characters. Shared blocklists run to tens of thousands of
 * characters; matching is one trie pass over a reply (reply-moderation.ts), so length costs little.
 */
export const WORD_LIST_LIMIT = 100_000;

export interface DiscussionSettings {
  /** Name and email must be given (the comment always must). */
  requireNameEmail: boolean;
  /** Hold every reply for a moderator. */
  manualApproval: boolean;
  /** An author with an approved reply (same name and email) appears at once. */
  autoApproveKnownAuthors: boolean;
  /** Hold a reply with at least this many links (WordPress: 2). 0 turns the rule off. */
  holdLinkCount: number;
  /** Words that hold a reply for moderation, matched as whole words, case-insensitively. */
  holdWords: string[];
  /** Words that send a reply straight to spam, matched as whole words, case-insensitively. */
  blockWords: string[];
  /** Close replies on articles older than this many days; 0 never closes them. */
  closeAfterDays: number;
  /** How deep answers nest (2 to 10; WordPress's default 5). */
  threadDepth: number;
  /** Top-level replies per page; 0 shows them all on one page. */
  repliesPerPage: number;
  /** Which replies come first. */
  order: 'oldest' | 'newest';
  /** Seconds a sender must wait between two replies (WordPress: 15). 0 turns it off. */
  floodIntervalSeconds: number;
  /** Refuse the same text from the same author under the same parent. */
  detectDuplicates: boolean;
  /**
   * Where a reply the spam filter judges spam goes: the spam queue (moderators review it there), or
   * the held queue for a site that wants a person to look at every such reply first. Never deleted.
   */
  spamFilterSends: 'spam' | 'held';
  /** Sites whose pages may embed reply threads (origins, beside `EMBED_ORIGINS`; issue 15). */
  embedOrigins: string[];
  /**
   * What erasing a commenter's data (the privacy page, the desk) does to their replies: keep the
   * text under "Anonymous" (the thread stays readable), or delete the replies (answers to them move
   * up a level). Email, website, network address and browser go either way (docs/privacy.md).
   */
  erasureMode: 'anonymise' | 'remove';
}

/**
 * The allowed range of each number setting: the one declaration the writer checks changes against,
 * stored values are clamped to, and the settings page explains.
 */
export const discussionRanges = Object.freeze({
  holdLinkCount: [0, 1000],
  closeAfterDays: [0, 36500],
  threadDepth: [1, 10],
  repliesPerPage: [0, 1000],
  floodIntervalSeconds: [0, 3600],
} as const satisfies Record<string, readonly [number, number]>);

/** The number settings, each with a range. */
export type RangedSetting = keyof typeof discussionRanges;

/** The settings a new site starts with. */
export const defaultDiscussionSettings: Readonly<DiscussionSettings> = Object.freeze({
  requireNameEmail: true,
  manualApproval: false,
  autoApproveKnownAuthors: true,
  holdLinkCount: 2,
  holdWords: [],
  blockWords: [],
  closeAfterDays: 0,
  threadDepth: 5,
  repliesPerPage: 0,
  order: 'oldest',
  floodIntervalSeconds: 15,
  detectDuplicates: true,
  spamFilterSends: 'spam',
  embedOrigins: [],
  erasureMode: 'anonymise',
});

/** Merges stored (possibly older, partial) settings over the defaults, clamping numbers to their ranges. */
export function normaliseDiscussionSettings(stored: Partial<DiscussionSettings> | undefined): DiscussionSettings {
  const merged = { ...defaultDiscussionSettings, ...(stored ?? {}) };
  const ranged = {} as Record<RangedSetting, number>;
  for (const key of Object.keys(discussionRanges) as RangedSetting[]) {
    const [lo, hi] = discussionRanges[key];
    const n: unknown = merged[key];
    ranged[key] = typeof n === 'number' && Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n))) : defaultDiscussionSettings[key];
  }
  return {
    ...merged,
    ...ranged,
    order: merged.order === 'newest' ? 'newest' : 'oldest',
    spamFilterSends: merged.spamFilterSends === 'held' ? 'held' : 'spam',
    erasureMode: merged.erasureMode === 'remove' ? 'remove' : 'anonymise',
    holdWords: [...merged.holdWords],
    blockWords: [...merged.blockWords],
    embedOrigins: Array.isArray(merged.embedOrigins) ? merged.embedOrigins.filter((o) => typeof o === 'string') : [],
  };
}
