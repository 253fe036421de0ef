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

const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** How a reply's date reads on the page. */
export function formatReplyDate(date: Date): string {
  return `${dateFormat.format(date)} UTC`;
}

/** One reply as a view, without children. */
export function presentReply(reply: Reply, depth: number, maxDepth: number): ReplyView {
  return {
    id: reply.id,
    anchor: `reply-${reply.id}`,
    legacyAnchor: reply.legacyAnchor || null,
    authorName: reply.authorName,
    authorUrl: linkableWebsite(reply.authorUrl),
    avatarSvg: avatarSvg(reply.authorFingerprint),
    publishedIso: reply.createdAt.toISOString(),
    publishedLabel: formatReplyDate(reply.createdAt),
    bodyHtml: renderReplyText(reply.body),
    awaitingModeration: reply.status === 'held',
    removed: reply.status === 'spam' || reply.status === 'trash',
    staff: reply.staff === true,
    moderatorNote: reply.status !== 'approved' && reply.moderationReason ? reply.moderationReason : null,
    depth,
    canAnswer: reply.status === 'approved' && depth < maxDepth,
    children: [],
  };
}

/**
 * Arranges replies into threads. Answers nest under their parent down to `maxDepth`; deeper
 * answers join the deepest level (as WordPress shows them). A reply whose parent is not visible
 * (held, spam, trashed) is not shown either, so no answer floats without its context.
 */
export function buildThreads(replies: readonly Reply[], options: { maxDepth: number; order: 'oldest' | 'newest' }): ReplyView[] {
  const byParent = new Map<number | null, Reply[]>();
  const ids = new Set(replies.map((r) => r.id));
  for (const reply of replies) {
    if (reply.parentId !== null && !ids.has(reply.parentId)) continue;
    const parent = reply.parentId;
    const siblings = byParent.get(parent) ?? [];
    siblings.push(reply);
    byParent.set(parent, siblings);
  }
  const byTime = (a: Reply, b: Reply) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

  const roots = (byParent.get(null) ?? []).sort(byTime);
  if (options.order === 'newest') roots.reverse();
  const threads: ReplyView[] = [];
  // Depth first with a stack of our own, not recursion: a chain of answers thousands deep (one
  // reader answering themselves) would overflow the call stack (issue 7). Each entry knows the view
  // it answers and the list it goes into; past the depth limit that is the parent's own list.
  const pending: { reply: Reply; parent: ReplyView | null; list: ReplyView[] }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) pending.push({ reply: roots[i]!, parent: null, list: threads });
  while (pending.length > 0) {
    const { reply, parent, list } = pending.pop()!;
    const depth = parent === null ? 1 : Math.min(parent.depth + 1, options.maxDepth);
    const view = presentReply(reply, depth, options.maxDepth);
    list.push(view);
    const answers = (byParent.get(reply.id) ?? []).sort(byTime);
    const answersList = depth < options.maxDepth ? view.children : list;
    // Pushed last-first so the earliest answer comes off the stack next, as a recursive walk would visit it.
    for (let i = answers.length - 1; i >= 0; i--) pending.push({ reply: answers[i]!, parent: view, list: answersList });
  }
  return threads;
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
