import { staffLookalikeReason, type CleanReplyInput, type ReplyDecision, type ReplyJudge, type Sender } from '../replies/index.js';
import type { DiscussionSettings } from './discussion-settings.js';

/** The status the rules give a new reply, and why (shown to moderators only). */
export type RuleDecision = Omit<ReplyDecision, 'score'>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const wordCharacter = /[\p{L}\p{N}_]/u;

/** Letter, digit or underscore; ASCII answered without a regular expression (most text is). */
function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
  return wordCharacter.test(String.fromCodePoint(cp));
}

/** Whether the character ending just before `index` is a letter, digit or underscore (surrogate pairs read whole). */
function wordBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return isWordCodePoint(text.codePointAt(start)!);
}

/** Whether the character starting at `index` is a letter, digit or underscore. */
function wordAt(text: string, index: number): boolean {
  return index < text.length && isWordCodePoint(text.codePointAt(index)!);
}

/** Listed entries longer than this are looked for one by one; shorter ones share one pass over the text. */
const LONGEST_IN_TRIE = 100;

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Position in the list of the entry ending here. */
  entry?: number;
}

/**
 * Whether `haystack` contains any of `words` as a whole word (so "press" does not match
 * "WordPress", unlike WordPress's substring match). Case-insensitive, Unicode-aware. Returns the
 * first listed entry (in the list's order) that occurs.
 *
 * One pass over the text whatever the length of the list: the entries share a trie, walked from
 * each place a word may start, at most the longest entry's length each time. A regular expression
 * per entry cost the text's length times the list's (a 1,000-word list and a 65,000-character reply
 * took a second, twice per post).
 */
export function findListedWord(words: readonly string[], haystack: string): string | undefined {
  const root: TrieNode = { next: new Map() };
  const entries: string[] = [];
  const long: number[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    const index = entries.push(word) - 1;
    const key = word.toLowerCase();
    if (key.length > LONGEST_IN_TRIE) {
      long.push(index);
      continue;
    }
    let node = root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    node.entry ??= index;
  }
  let best = Infinity;
  const text = haystack.toLowerCase();
  for (let start = 0; start < text.length && best > 0; start++) {
    if (wordBefore(text, start)) continue;
    let node: TrieNode | undefined = root;
    for (let i = start; node && i <= text.length;) {
      if (node.entry !== undefined && node.entry < best && !wordAt(text, i)) best = node.entry;
      if (i === text.length) break;
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      node = node.next.get(ch);
      i += ch.length;
    }
  }
  for (const index of long) {
    if (index >= best) break;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(entries[index]!)}(?![\\p{L}\\p{N}_])`, 'iu');
    if (pattern.test(haystack)) best = index;
  }
  return best === Infinity ? undefined : entries[best];
}

/** Counts links in a reply's text: URLs and any HTML anchors pasted in. */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\.|<a\s/gi) ?? []).length;
}

/**
 * Decides a new reply's status from the site's rules. `knownAuthor`: the same name and email
 * already have an approved reply from a reader. `looksLikeStaff`: the name or email is a newsroom
 * member's, so whatever the other rules say it is held: nobody may speak for the newsroom unseen.
 */
export function decideReplyStatus(
  reply: CleanReplyInput,
  sender: Pick<Sender, 'ip' | 'userAgent'>,
  settings: DiscussionSettings,
  knownAuthor: boolean,
  looksLikeStaff = false,
): RuleDecision {
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

/** The site's rules as a judge: a verdict with a reason and no score (rules do not weigh, they match). */
export function rulesJudge(settings: DiscussionSettings): ReplyJudge {
  return {
    judge: ({ reply, sender, knownAuthor, looksLikeStaff }) => ({
      ...decideReplyStatus(reply, sender, settings, knownAuthor, looksLikeStaff),
      score: null,
    }),
  };
}
