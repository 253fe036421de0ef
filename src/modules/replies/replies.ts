import { emailPattern } from '../../lib/email-address.js';
import { Invalid, InvalidFields } from '../../lib/errors.js';
import { cleanReaderLine, cleanReaderText, unstorableTextProblem } from '../../lib/reader-text.js';

/** Where a reply stands: waiting for a moderator, public, judged spam, or thrown away. */
export type ReplyStatus = 'held' | 'approved' | 'spam' | 'trash';

/** Field limits, WordPress's, so imported replies and readers' habits both fit. */
export const replyLimits = Object.freeze({ author: 245, email: 100, url: 200, comment: 65_525 });

/** A reply as the rest of Gazette sees it. The email address is deliberately absent. */
export interface Reply {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  /** Keyed hash of the author's email: for matching and avatars, never the address. */
  authorFingerprint: string;
  body: string;
  /** `body` as HTML, stored when it was written; '' or absent when not stored (see `replyHtml`). */
  bodyHtml?: string;
  status: ReplyStatus;
  createdAt: Date;
  /** Written by a newsroom member through the moderation desk; marked "staff" on the page. */
  staff?: boolean;
  /** A moderator's reason for holding, removing or editing it (shown to its own author). */
  moderationReason?: string;
  /** The fragment an old link used for it (`comment-12`), when it came from an import. */
  legacyAnchor?: string;
  /** In the spam queue because Gazette's checks put it there, not a moderator: its author is told it waits. */
  caughtAsSpam?: boolean;
}

/** Why a reply that borrows a newsroom member's name or email is held (moderators see it in its audit trail). */
export const staffLookalikeReason = 'uses the name or email of a newsroom member; staff answer from the moderation desk';

/** What a judge sees of a reader's new reply. */
export interface ReplyCandidate {
  reply: CleanReplyInput;
  sender: Sender;
  /** The same name and email already have an approved reply from a reader. */
  knownAuthor: boolean;
  /** The name or email passes for a newsroom member's: nobody may speak for the newsroom unseen. */
  looksLikeStaff: boolean;
  /** What the form showed of a bot, the replay check done (the sender's own signals are before it). */
  botSignals: BotSignals;
}

/** How the reply form's signed token read: `replayed` is found by the writer, the rest by the web layer. */
export type FormTokenStatus = 'ok' | 'missing' | 'forged' | 'expired' | 'replayed';

/**
 * What the web layer learned of who filled the form: the hidden honeypot field, the signed form
 * token, and how many seconds passed between serving the form and the post (null without a
 * readable token). Judged by the moderation module; a spam filter may use them as features.
 */
export interface BotSignals {
  honeypot: boolean;
  token: FormTokenStatus;
  secondsToFill: number | null;
}

/**
 * A machine's verdict on a reader's new reply. Stored apart from the note a moderator writes to the
 * reply's author (ARCHITECTURE.md habit 18): only moderators see the reason and the score, since
 * they name hold words or a spam score a spammer would learn from.
 */
export interface ReplyDecision {
  status: Extract<ReplyStatus, 'approved' | 'held' | 'spam'>;
  reason: string;
  /** How sure a scoring judge is (a spam filter's probability); null when the judge does not score. */
  score: number | null;
}

/**
 * Decides a reader's new reply: the moderation rules today, a spam filter later (the moderation
 * module implements it). Synchronous: it runs inside the posting transaction, after the sender's lock.
 */
export interface ReplyJudge {
  judge(candidate: ReplyCandidate): ReplyDecision;
}

/** The discussion rules the reader policy applies itself, before the judge. */
export interface ReaderRules {
  requireNameEmail: boolean;
  closeAfterDays: number;
  floodIntervalSeconds: number;
  detectDuplicates: boolean;
  /** How deep threads go: the answer to a post shows the new reply with it. */
  threadDepth: number;
}

/** What an import brings: a reply as another system stored it (WordPress, Disqus, …). */
export interface ImportedReplyInput {
  articleId: number;
  /** The imported parent's id here; the importer orders its work so the parent exists. */
  parentId?: number | null;
  comment: string;
  author?: string;
  email?: string;
  url?: string;
  status: ReplyStatus;
  createdAt: Date;
  ip?: string;
  userAgent?: string;
  /** The fragment old links used for it (`comment-12`). */
  legacyAnchor?: string;
  /** A moderator's reason for holding, removing or editing it, shown to its author. */
  moderationReason?: string;
  /** When a moderator last edited it. */
  editedAt?: Date | null;
  /** The newsroom member (already imported) who wrote it as staff. */
  staffUserId?: number | null;
  /** The machine's verdict when it came in (a Gazette export keeps it for moderators). */
  decision?: { status: string; reason: string; score: number | null } | null;
  /** The reply this import replaces (a second run of the same import): rewritten in place, keeping its id. */
  replaces?: number;
}

/** A newsroom member answering from the desk. */
export interface StaffAuthor {
  id: number;
  name: string;
  email: string;
}

/** Where a page of an article's replies starts: after this reply, in the order of (stored time, id). */
export interface ReplyCursor {
  createdAt: string;
  id: number;
}

/** What a reader sends through the form (field names as WordPress's, see PRODUCT.md). */
export interface ReplyInput {
  articleId: number;
  parentId?: number | null;
  comment?: string;
  author?: string;
  email?: string;
  url?: string;
  /** "Notify me of follow-up replies by email" ticked (off unless true; needs an email address). */
  notify?: boolean;
}

/** Where a reply came from; kept for flood control and moderation, never shown publicly. */
export interface Sender {
  ip: string;
  userAgent: string;
  botSignals: BotSignals;
  /**
   * The form token's nonce and when the token stops being accepted, when its signature held: the
   * writer records it inside the post's transaction, so a second post of the same form is seen.
   */
  formNonce: { nonce: string; expiresAt: Date } | null;
}

/** A reply's input after validation: trimmed, within limits, URL normalised. */
export interface CleanReplyInput {
  articleId: number;
  parentId: number | null;
  comment: string;
  author: string;
  email: string;
  url: string;
}

/** Normalises a website: adds `https://` when no scheme is given; undefined when it is not a web address. */
export function normaliseWebsite(raw: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return undefined;
  return url.href;
}

/**
 * A stored website as it may be shown as a link: only an absolute http(s) address, else null. The
 * writer already refuses anything else; this keeps a row written some other way (an import, a
 * hand edit of the database) from putting a `javascript:` link on a page.
 */
export function linkableWebsite(stored: string | null | undefined): string | null {
  if (!stored || !/^https?:\/\//i.test(stored)) return null;
  return URL.canParse(stored) ? stored : null;
}

/**
 * Checks a reply's fields against the form's rules and returns them cleaned; throws InvalidFields
 * listing every problem at once, so the reader fixes them in one go.
 */
export function validateReplyInput(input: ReplyInput, rules: { requireNameEmail: boolean }): CleanReplyInput {
  const problems: { field: string; message: string }[] = [];
  const fields = [
    ['comment', 'Your comment'],
    ['author', 'Your name'],
    ['email', 'Your email address'],
    ['url', 'Your website address'],
  ] as const;
  for (const [field, label] of fields) {
    const problem = unstorableTextProblem(input[field] ?? '');
    if (problem) problems.push({ field, message: `${label} ${problem}` });
  }
  if (problems.length > 0) throw new InvalidFields(problems);
  // NFC, controls out, ends trimmed; text that shows nothing (blanks, zero-width characters) is
  // empty. The inside of a comment is the reader's and is kept as typed; a name is one line with
  // no bidi controls, since it sits inside the page's own sentences ("Leave a Reply to NAME").
  const comment = cleanReaderText(input.comment ?? '');
  const author = cleanReaderLine(input.author ?? '');
  const email = cleanReaderLine(input.email ?? '');
  const rawUrl = cleanReaderLine(input.url ?? '');

  if (!comment) problems.push({ field: 'comment', message: 'Please type your comment.' });
  else if (comment.length > replyLimits.comment) {
    problems.push({
      field: 'comment',
      message: `Your comment is too long: ${comment.length.toLocaleString('en-US')} characters, the limit is ${replyLimits.comment.toLocaleString('en-US')}.`,
    });
  }
  if (!author && rules.requireNameEmail) problems.push({ field: 'author', message: 'Please enter your name.' });
  else if (author.length > replyLimits.author) {
    problems.push({ field: 'author', message: `Your name is too long: the limit is ${replyLimits.author} characters.` });
  }
  if (!email && rules.requireNameEmail) problems.push({ field: 'email', message: 'Please enter your email address.' });
  else if (email && email.length > replyLimits.email) {
    problems.push({ field: 'email', message: `Your email address is too long: the limit is ${replyLimits.email} characters.` });
  } else if (email && !emailPattern.test(email)) {
    problems.push({ field: 'email', message: 'Please enter a valid email address, such as name@example.com.' });
  }
  let url = '';
  if (rawUrl) {
    const normalised = normaliseWebsite(rawUrl);
    if (rawUrl.length > replyLimits.url) {
      problems.push({ field: 'url', message: `Your website address is too long: the limit is ${replyLimits.url} characters.` });
    } else if (!normalised) {
      problems.push({ field: 'url', message: 'Please enter a valid website address, such as https://example.com, or leave it empty.' });
    } else url = normalised;
  }
  if (problems.length > 0) throw new InvalidFields(problems);
  return {
    articleId: input.articleId,
    parentId: input.parentId ?? null,
    comment,
    author: author || 'Anonymous',
    email,
    url,
  };
}

/**
 * Cleans text a newsroom member writes (an answer as staff, an edit of a reader's reply) as a
 * reader's is cleaned: unstorable characters refused, controls out, ends trimmed, within the limit.
 */
export function cleanStaffText(body: string): string {
  const problem = unstorableTextProblem(body);
  if (problem) throw new Invalid(`The text ${problem}`, 'body');
  const text = cleanReaderText(body);
  if (!text) throw new Invalid('The reply needs some text.', 'body');
  if (text.length > replyLimits.comment)
    throw new Invalid(`The text is too long: the limit is ${replyLimits.comment.toLocaleString('en-US')} characters.`, 'body');
  return text;
}
