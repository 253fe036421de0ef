import type { ReplyStatus } from '../../storage/schema.js';
import type { DiscussionSettings } from '../settings/index.js';
import type { CleanReplyInput, Sender } from './replies.js';

/** The status a new reply gets, and why (shown to moderators). */
export interface ModerationDecision {
  status: Extract<ReplyStatus, 'approved' | 'held' | 'spam'>;
  reason: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `haystack` contains any of `words` as a whole word (so "press" does not match
 * "WordPress", unlike WordPress's substring match). Case-insensitive, Unicode-aware.
 */
export function findListedWord(words: readonly string[], haystack: string): string | undefined {
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(word)}(?![\\p{L}\\p{N}_])`, 'iu');
    if (pattern.test(haystack)) return word;
  }
  return undefined;
}

/** Counts links in a reply's text: URLs and any HTML anchors pasted in. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\.|<a\s/gi) ?? []).length;
}

/** Why a reply that borrows a newsroom member's name or email is held (moderators see it in its audit trail). */
export const staffLookalikeReason = 'uses the name or email of a newsroom member; staff answer from the moderation desk';

/**
 * Decides a new reply's status from the site's rules. `knownAuthor`: the same name and email
 * already have an approved reply from a reader. `looksLikeStaff`: the name or email is a newsroom
 * member's, so whatever the other rules say it is held: nobody may speak for the newsroom unseen.
 */
export function decideReplyStatus(
  reply: CleanReplyInput,
  sender: Sender,
  settings: DiscussionSettings,
  knownAuthor: boolean,
  looksLikeStaff = false,
): ModerationDecision {
  const everything = [reply.author, reply.email, reply.url, reply.comment, sender.ip, sender.userAgent].join('\n');
  const blocked = findListedWord(settings.blockWords, everything);
  if (blocked) return { status: 'spam', reason: `contains the blocked word "${blocked}"` };
  const held = findListedWord(settings.holdWords, everything);
  if (held) return { status: 'held', reason: `contains the hold word "${held}"` };
  const links = countLinks(reply.comment);
  if (settings.holdLinkCount > 0 && links >= settings.holdLinkCount) {
    return { status: 'held', reason: `has ${links} links` };
  }
  if (looksLikeStaff) return { status: 'held', reason: staffLookalikeReason };
  if (settings.manualApproval) return { status: 'held', reason: 'every reply is approved by hand' };
  if (settings.autoApproveKnownAuthors && knownAuthor) return { status: 'approved', reason: 'the author has an approved reply' };
  if (!settings.autoApproveKnownAuthors) return { status: 'approved', reason: 'replies appear at once' };
  return { status: 'held', reason: 'first reply from this author' };
}
