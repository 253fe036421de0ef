import { linkableWebsite, type Reply } from './replies.js';
import { avatarSvg } from './avatar.js';
import { renderReplyText } from './reply-text.js';

/** A reply ready for a view: everything escaped or derived, no email, no address. */
export interface ReplyView {
  id: number;
  anchor: string;
  /** The fragment an old link used for it (`comment-12`), kept so old links land on it; null when none. */
  legacyAnchor: string | null;
  authorName: string;
  /** The author's website, or null; links to it carry `rel="nofollow ugc"`. */
  authorUrl: string | null;
  avatarSvg: string;
  publishedIso: string;
  publishedLabel: string;
  bodyHtml: string;
  /** Held for moderation; only its own author is shown it. */
  awaitingModeration: boolean;
  /** Marked as spam or trashed by a moderator; only its own author is shown it, so they know. */
  removed: boolean;
  /** Written by the newsroom (answered from the moderation desk): shown with a "Staff" mark. */
  staff: boolean;
  /** The moderator's reason, for the author of a held or removed reply; null otherwise. */
  moderatorNote: string | null;
  /** 1 for a reply to the article, 2 for an answer to it, and so on. */
  depth: number;
  /** Whether the thread may grow beneath it (the site's depth limit). */
  canAnswer: boolean;
  children: ReplyView[];
}

/** Formatters per time zone, made once each, and the zone's short name per hour already asked about. */
const dateFormats = new Map<string, { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat; names: Map<number, string> }>();

const HOUR = 3_600_000;

/**
 * The zone's short name at `date` ("KST", "GMT+9", "EDT"). Asking Intl costs more than the rest of
 * a reply's presentation, and a page of replies falls in few hours: a name found the same at both
 * ends of an hour holds for the whole hour (zones change name at most once an hour), so it is kept
 * (up to 2,000 hours per zone); an hour with a change in it is asked about each time.
 */
function zoneNameAt(format: { zone: Intl.DateTimeFormat; names: Map<number, string> }, date: Date, timeZone: string): string {
  const nameOf = (at: number) => format.zone.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const hour = Math.floor(date.getTime() / HOUR);
  const known = format.names.get(hour);
  if (known !== undefined) return known;
  const first = nameOf(hour * HOUR);
  if (first !== nameOf(hour * HOUR + HOUR - 1)) return nameOf(date.getTime());
  if (format.names.size >= 2_000) format.names.clear();
  format.names.set(hour, first);
  return first;
}

/** How a reply's date reads on the page, in the site's time zone (named, so a reader abroad knows which). */
export function formatReplyDate(date: Date, timeZone = 'UTC'): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // Intl will not combine dateStyle with timeZoneName, so the zone's short name comes from a second formatter.
    format = {
      date: new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone }),
      zone: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }),
      names: new Map(),
    };
    dateFormats.set(timeZone, format);
  }
  // UTC is named without asking Intl (the common case, and a page may show hundreds of replies).
  const zone = timeZone === 'UTC' ? 'UTC' : zoneNameAt(format, date, timeZone);
  return `${format.date.format(date)} ${zone}`;
}

/** A reply's text as HTML: as stored when it was written, or made now for a row from before that was stored. */
export function replyHtml(reply: Pick<Reply, 'body' | 'bodyHtml'>): string {
  return reply.bodyHtml || renderReplyText(reply.body);
}

/** One reply as a view, without children. */
export function presentReply(reply: Reply, depth: number, maxDepth: number, timeZone = 'UTC'): ReplyView {
  return {
    id: reply.id,
    anchor: `reply-${reply.id}`,
    legacyAnchor: reply.legacyAnchor || null,
    authorName: reply.authorName,
    authorUrl: linkableWebsite(reply.authorUrl),
    avatarSvg: avatarSvg(reply.authorFingerprint),
    publishedIso: reply.createdAt.toISOString(),
    publishedLabel: formatReplyDate(reply.createdAt, timeZone),
    bodyHtml: replyHtml(reply),
    // What the machine caught waits for a moderator like a held reply: a person it misjudged is not
    // told a moderator removed their words, and a bot learns nothing from the answer.
    awaitingModeration: reply.status === 'held' || reply.caughtAsSpam === true,
    removed: (reply.status === 'spam' && reply.caughtAsSpam !== true) || reply.status === 'trash',
    staff: reply.staff === true,
    moderatorNote: reply.status !== 'approved' && reply.moderationReason ? reply.moderationReason : null,
    depth,
    canAnswer: reply.status === 'approved' && depth < maxDepth,
    children: [],
  };
}

/** Replies grouped under their parent, and the thread starters in the order the site shows them. */
interface Arranged {
  roots: Reply[];
  byParent: Map<number, Reply[]>;
}

/** Orders replies in time (then by id, for replies of the same instant). */
const byTime = (a: Reply, b: Reply) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

/**
 * Groups replies under their parent (each group in time order) and picks the thread starters. A
 * reply whose parent is not among `replies` (held, spam, trashed) is left out, and so are its answers.
 */
function arrange(replies: readonly Reply[], order: 'oldest' | 'newest'): Arranged {
  const ids = new Set<number>();
  for (const reply of replies) ids.add(reply.id);
  const roots: Reply[] = [];
  const byParent = new Map<number, Reply[]>();
  for (const reply of replies) {
    if (reply.parentId === null) roots.push(reply);
    else if (ids.has(reply.parentId)) {
      const siblings = byParent.get(reply.parentId);
      if (siblings) siblings.push(reply);
      else byParent.set(reply.parentId, [reply]);
    }
  }
  roots.sort(byTime);
  for (const siblings of byParent.values()) siblings.sort(byTime);
  if (order === 'newest') roots.reverse();
  return { roots, byParent };
}

/** The views of the threads that `roots` start, answers nested beneath. */
function presentThreads(roots: readonly Reply[], byParent: Arranged['byParent'], maxDepth: number, timeZone?: string): ReplyView[] {
  const threads: ReplyView[] = [];
  // Depth first with a stack of our own, not recursion: a chain of answers thousands deep (one
  // reader answering themselves) would overflow the call stack (issue 7). Each entry knows the view
  // it answers and the list it goes into; past the depth limit that is the parent's own list.
  const pending: { reply: Reply; parent: ReplyView | null; list: ReplyView[] }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) pending.push({ reply: roots[i]!, parent: null, list: threads });
  while (pending.length > 0) {
    const { reply, parent, list } = pending.pop()!;
    const depth = parent === null ? 1 : Math.min(parent.depth + 1, maxDepth);
    const view = presentReply(reply, depth, maxDepth, timeZone);
    list.push(view);
    const answers = byParent.get(reply.id) ?? [];
    const answersList = depth < maxDepth ? view.children : list;
    // Pushed last-first so the earliest answer comes off the stack next, as a recursive walk would visit it.
    for (let i = answers.length - 1; i >= 0; i--) pending.push({ reply: answers[i]!, parent: view, list: answersList });
  }
  return threads;
}

/**
 * Arranges replies into threads. Answers nest under their parent down to `maxDepth`; deeper
 * answers join the deepest level (as WordPress shows them). A reply whose parent is not visible
 * (held, spam, trashed) is not shown either, so no answer floats without its context.
 */
export function buildThreads(
  replies: readonly Reply[],
  options: { maxDepth: number; order: 'oldest' | 'newest'; timeZone?: string },
): ReplyView[] {
  const { roots, byParent } = arrange(replies, options.order);
  return presentThreads(roots, byParent, options.maxDepth, options.timeZone);
}

/** One page of threads and where it sits among the others. */
export interface ThreadPage {
  threads: ReplyView[];
  /** 1-based. */
  page: number;
  pageCount: number;
}

/**
 * Splits threads into pages of `perPage` top-level replies (answers stay with their thread).
 * Without a page asked for, the last page is shown: the newest replies, as WordPress's default
 * "newest page first" does. `perPage` 0 shows everything on one page.
 */
export function pageOfThreads(threads: ReplyView[], perPage: number, requested?: number): ThreadPage {
  if (perPage <= 0 || threads.length <= perPage) return { threads, page: 1, pageCount: 1 };
  const pageCount = Math.ceil(threads.length / perPage);
  const page = requested === undefined ? pageCount : Math.min(Math.max(1, Math.floor(requested)), pageCount);
  return { threads: threads.slice((page - 1) * perPage, page * perPage), page, pageCount };
}

/**
 * One page of threads, as `pageOfThreads(buildThreads(…))` gives it, but only that page's replies
 * are presented (their text rendered, their avatar drawn): an article page with 1,000 replies in
 * pages of 50 threads presents the 50 threads it shows, not all 1,000 replies.
 */
export function threadPage(
  replies: readonly Reply[],
  options: { maxDepth: number; order: 'oldest' | 'newest'; timeZone?: string; perPage: number; requested?: number },
): ThreadPage {
  const { roots, byParent } = arrange(replies, options.order);
  const { perPage, requested } = options;
  if (perPage <= 0 || roots.length <= perPage)
    return { threads: presentThreads(roots, byParent, options.maxDepth, options.timeZone), page: 1, pageCount: 1 };
  const pageCount = Math.ceil(roots.length / perPage);
  const page = requested === undefined ? pageCount : Math.min(Math.max(1, Math.floor(requested)), pageCount);
  const shown = roots.slice((page - 1) * perPage, page * perPage);
  return { threads: presentThreads(shown, byParent, options.maxDepth, options.timeZone), page, pageCount };
}
