import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Closed, Conflict, Invalid, type InvalidFields, NotFound, RateLimited } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import type { EmailCipher } from '../../lib/email-cipher.js';
import { emailFingerprint } from '../../lib/keyed-hash.js';
import { textFingerprint } from '../../lib/reader-text.js';
import { withFields } from '../../lib/with-fields.js';
import { renderReplyText } from './reply-text.js';
import type { Capabilities } from '../../storage/capabilities.js';
import { readOncePerBatch } from '../../storage/batch-reads.js';
import { createGroupCommit, type Arrival, type GroupCommit } from '../../storage/group-commit.js';
import type { Database } from '../../storage/schema.js';
import { acceptsReplies, isPublic, type Article } from '../articles/index.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import {
  cleanStaffText,
  staffLookalikeReason,
  validateReplyInput,
  type ImportedReplyInput,
  type ReaderRules,
  type ReplyJudge,
  type Reply,
  type ReplyInput,
  type Sender,
  type StaffAuthor,
} from './replies.js';
import * as q from './replies.queries.js';
import { moveRepliesInTransaction, publishStatusChanged } from './reply-status.js';
import { deferPlainIndexesWhileEmpty, type DeferredIndexes } from '../../storage/bulk-load-indexes.js';
import type { ReplyFollowUps } from './reply-follow-ups.js';
import { authoredColumns, checkImportedReply, checkParents, importedRow, importReplyBatch } from './reply-import.js';

/** Where the reader policy gets the current rules and a judge bound to them, once per post. */
export interface ReaderModeration {
  /** `within`: the post's transaction, read through (on SQLite the one connection is in it). */
  forPost(within?: Transaction<Database>): Promise<{ rules: ReaderRules; judge: ReplyJudge }>;
}

/** A reader's reply as stored, with the thread depth of the rules it was posted under. */
export type PostedReply = Reply & { threadDepth: number };

/** What the reply writer needs to know about articles; nothing more. */
export interface ReplyArticleLookup {
  findReplyTarget(
    id: number,
    within?: Transaction<Database>,
  ): Promise<Pick<Article, 'id' | 'status' | 'publishedAt' | 'repliesOpen'> | undefined>;
}

/** Dependencies of the reply writer. */
export interface ReplyWriterDeps {
  db: Kysely<Database>;
  /**
   * Where readers' posts are written: in a transaction shared with the posts that arrive meanwhile
   * (one commit, one fsync for all), each in its own savepoint; a post resolves only after its
   * batch committed. Default: a group commit of its own over `db`.
   */
  commits?: Pick<GroupCommit, 'arrive'>;
  clock: Clock;
  events: DomainEvents;
  /** The site's secret keys the email hash. */
  /** `within`: an import's open transaction, read through on the first look-up. */
  settings: {
    siteSecret(within?: Transaction<Database>): Promise<string>;
    emailCipher(within?: Transaction<Database>): Promise<EmailCipher>;
  };
  articles: ReplyArticleLookup;
  /** The reader rules and the judge (the moderation module answers). */
  moderation: ReaderModeration;
  /** Whether a name or email passes for a newsroom member's (the accounts module answers). */
  staff: { resembles(name: string, email: string, within?: Transaction<Database>): Promise<boolean> };
  /** Serialises posts from one sender, so the flood and duplicate checks hold under parallel requests. */
  /** `plainIndexes`: which indexes a bulk load into an empty table may set aside. */
  caps: Pick<Capabilities, 'lockKeys' | 'plainIndexes'>;
  /** What follows every new reply inside its transaction (notification mails); none in some tests. */
  followUps?: ReplyFollowUps;
}

/**
 * The one writer of new replies, with a policy per kind of author: a reader (every moderation
 * rule, flood control, duplicates), a newsroom member answering from the desk (approved, marked
 * staff), and an import (original date and status, no flood or duplicate rules). Each commits
 * before it resolves and announces `reply.posted` after the commit, here and nowhere else.
 */
export interface ReplyWriter {
  /**
   * Validates, judges and stores a reader's reply; resolves once it is committed, with the thread
   * depth of the rules it was judged under (what the answer showing it needs, without reading them again).
   */
  post(input: ReplyInput, sender: Sender): Promise<PostedReply>;
  /** Answers a reply as the newsroom, approving the reply answered if it was held; returns the new id. */
  answerAsStaff(parentId: number, body: string, staff: StaffAuthor & AuditActor): Promise<number>;
  /** Forgets the used form tokens that expired before `now` (the scheduler calls it); returns how many. */
  purgeUsedFormTokens(now: Date): Promise<number>;
  /** Stores a reply from another system as it was there; returns the new id. */
  importReply(input: ImportedReplyInput, options?: ReplyImportOptions): Promise<number>;
  /**
   * Many replies from another system inside an import's transaction, as `importReply` would store
   * each, in far fewer statements; parents must be written in an earlier call. Answers their ids
   * in order; or, when the field rules refuse any of them, writes nothing and answers each
   * refusal (null for the others), so the caller mends or drops those and sends the rest again.
   */
  importReplies(inputs: readonly ImportedReplyInput[], options: Required<ReplyImportOptions>): Promise<number[] | (InvalidFields | null)[]>;
  /**
   * Before an import writes replies inside `within`: when the table is empty, sets its plain
   * secondary indexes aside until `restore()` builds them again in the same transaction (see
   * storage/bulk-load-indexes.ts). The caller must call `restore()` before it commits.
   */
  deferIndexesForImport(options: Required<ReplyImportOptions>): Promise<DeferredIndexes>;
}

/** How an import runs its writes. */
export interface ReplyImportOptions {
  /** The caller's transaction (a whole import is one): the write joins it and announces nothing; the caller does after its commit. */
  within?: Transaction<Database>;
}

const FLOOD_MESSAGE = 'You are posting comments too quickly. Slow down.';
const DUPLICATE_MESSAGE = 'Duplicate comment detected; it looks as though you’ve already said that!';

/** The reply writer over the database. */
export function createReplyWriter(deps: ReplyWriterDeps): ReplyWriter {
  const { db, clock, events, articles } = deps;
  const commits = deps.commits ?? createGroupCommit(db);

  /** A reader's post, once announced to the group commit (`arrival`), which it joins for its writes. */
  async function postArrived(input: ReplyInput, sender: Sender, arrival: Arrival): Promise<PostedReply> {
    const secret = await deps.settings.siteSecret();
    const cipher = await deps.settings.emailCipher();

    const stored = await arrival.run(async (trx) => {
      // Read inside the batch's transaction, and the rules, the spam lessons, the newsroom's names
      // and the article once for all its posts (batch-reads.ts): as fresh as a post's own reads.
      const { rules, judge } = await readOncePerBatch(trx, 'reader-moderation', () => deps.moderation.forPost(trx));
      const reply = validateReplyInput(input, rules);
      const now = clock.now();
      const article = await readOncePerBatch(trx, `reply-target:${reply.articleId}`, () => articles.findReplyTarget(reply.articleId, trx));
      if (!article || !isPublic(article, now)) throw new NotFound('This article does not exist, so it cannot take replies.');
      if (!acceptsReplies(article, now, rules.closeAfterDays)) {
        throw new Closed('Replies are closed on this article.');
      }
      const emailHash = emailFingerprint(secret, reply.email || `${reply.author}@anonymous.invalid`);
      const bodyFingerprint = textFingerprint(reply.comment);
      // A reader using a newsroom member's name or email is never published unseen (staff answer from the desk).
      const looksLikeStaff = await deps.staff.resembles(reply.author, reply.email, trx);
      // Flood control and duplicates are checked and then inserted: posts by one sender (address
      // or email; a duplicate always shares the email) must take turns until each commits. With
      // flood control on, a post arriving while the same sender's is in flight is a flood by
      // definition: refused at once rather than queued, so a burst cannot tie up connections.
      // Only the keys a rule in force reads are taken: the address serves flood control alone,
      // and readers behind one address (a newsroom's NAT, a proxy) must not queue behind each
      // other's commits when nothing checks it.
      const flood = rules.floodIntervalSeconds > 0;
      const senderKeys = [
        ...(flood || rules.detectDuplicates ? [`reply-sender:email:${emailHash}`] : []),
        ...(flood && sender.ip ? [`reply-sender:ip:${sender.ip}`] : []),
      ];
      if (senderKeys.length > 0 && !(await deps.caps.lockKeys(trx, senderKeys, { wait: !flood }))) {
        throw new RateLimited(FLOOD_MESSAGE);
      }
      if (reply.parentId !== null) {
        const parent = await q.findReply(trx, reply.parentId);
        if (!parent || parent.article_id !== reply.articleId || parent.status !== 'approved') {
          throw new Invalid(
            'The comment you are answering is not on this article (or is not published). Reply to the article instead.',
            'parent',
          );
        }
      }
      if (rules.floodIntervalSeconds > 0) {
        const since = new Date(now.getTime() - rules.floodIntervalSeconds * 1000).toISOString();
        if (await q.postedSince(trx, sender.ip, emailHash, since)) throw new RateLimited(FLOOD_MESSAGE);
      }
      let knownAuthor: boolean;
      if (rules.detectDuplicates) {
        const history = await q.duplicateAndKnown(trx, {
          articleId: reply.articleId,
          parentId: reply.parentId,
          emailHash,
          bodyFingerprint,
          authorName: reply.author,
        });
        if (history.duplicate) throw new Conflict(DUPLICATE_MESSAGE, 'comment');
        knownAuthor = history.known;
      } else knownAuthor = await q.hasApprovedReply(trx, emailHash, reply.author);
      // Inside the transaction: a post refused above (flood, duplicate) leaves its token unused,
      // so the reader may send the same form again; two parallel posts of one form cannot both win.
      let botSignals = sender.botSignals;
      if (botSignals.token === 'ok' && sender.formNonce) {
        const fresh = await q.useFormNonce(trx, sender.formNonce.nonce, sender.formNonce.expiresAt.toISOString());
        if (!fresh) botSignals = { ...botSignals, token: 'replayed' };
      }
      const decision = judge.judge({ reply, sender, knownAuthor, looksLikeStaff, botSignals });
      // Not spreads: see lib/with-fields.ts.
      const row = withFields(authoredColumns(reply, emailHash, cipher), {
        status: decision.status,
        created_at: now.toISOString(),
        ip: sender.ip.slice(0, 64),
        user_agent: sender.userAgent.slice(0, 512),
        // The verdict, kept for moderators; the author's note (moderation_reason) stays empty.
        decision_status: decision.status,
        decision_reason: decision.reason,
        decision_score: decision.score,
      });
      const id = await q.insertReaderReply(trx, row);
      await deps.followUps?.posted(trx, {
        id,
        articleId: reply.articleId,
        parentId: reply.parentId,
        status: decision.status,
        emailHash,
        wantsFollowUps: input.notify === true && reply.email !== '',
      });
      if (looksLikeStaff && decision.status === 'held') {
        await recordAudit(trx, {
          actor: { kind: 'system', id: null, name: 'Gazette' },
          action: 'reply.hold',
          subject: { type: 'reply', id },
          reason: staffLookalikeReason,
          before: null,
          after: { status: 'held', author: reply.author },
          at: now,
        });
      }
      return { row: withFields(row, { id }), threadDepth: rules.threadDepth };
    });
    const { row, threadDepth } = stored;
    events.publish({ type: 'reply.posted', articleId: row.article_id, replyId: row.id, status: row.status });
    // What a reader's post leaves to the columns' defaults, for the reply as a reader sees it.
    const posted = q.toReply(withFields(row, { staff_user_id: null, moderation_reason: '', legacy_anchor: '' }));
    return withFields(posted, { threadDepth });
  }

  return {
    async post(input, sender) {
      // Announced before the reads below, so the batch being formed waits for this post to join it.
      const arrival = commits.arrive();
      try {
        return await postArrived(input, sender, arrival);
      } finally {
        arrival.leave();
      }
    },

    async answerAsStaff(parentId, rawBody, staff) {
      const body = cleanStaffText(rawBody);
      const at = clock.now();
      const secret = await deps.settings.siteSecret();
      const cipher = await deps.settings.emailCipher();
      const { id, articleId, approvedParent } = await db.transaction().execute(async (trx) => {
        const [parent] = await q.findStatusRows(trx, [parentId]);
        if (!parent) throw new NotFound('There is no reply with this number.');
        if (parent.status === 'spam' || parent.status === 'trash') {
          throw new Invalid('This reply was removed; approve it before answering it in public.', 'body');
        }
        // Answering in public means the newsroom stands by showing the question too.
        const moved = await moveRepliesInTransaction(trx, [parent], 'approved', staff, at, { auditReason: 'approved to answer it' });
        const approvedParent = moved.length > 0;
        if (approvedParent) {
          await deps.followUps?.statusChanged(trx, [
            { replyId: parent.id, articleId: parent.article_id, from: parent.status, to: 'approved' },
          ]);
        }
        const emailHash = emailFingerprint(secret, staff.email);
        const newId = await q.insertReply(trx, {
          article_id: parent.article_id,
          parent_id: parent.id,
          author_name: staff.name,
          author_email: cipher.seal(staff.email),
          author_email_hash: emailHash,
          author_url: '',
          body,
          body_fingerprint: textFingerprint(body),
          body_html: renderReplyText(body),
          status: 'approved',
          created_at: at.toISOString(),
          ip: '',
          user_agent: '',
          staff_user_id: staff.id,
        });
        await deps.followUps?.posted(trx, {
          id: newId,
          articleId: parent.article_id,
          parentId: parent.id,
          status: 'approved',
          emailHash,
          wantsFollowUps: false,
        });
        await recordAudit(trx, {
          actor: staff,
          action: 'reply.answer',
          subject: { type: 'reply', id: newId },
          before: null,
          after: { parentId: parent.id, body },
          at,
        });
        return { id: newId, articleId: parent.article_id, approvedParent };
      });
      if (approvedParent) publishStatusChanged(events, [{ id: parentId, article_id: articleId }], 'approved');
      events.publish({ type: 'reply.posted', articleId, replyId: id, status: 'approved' });
      return id;
    },

    async purgeUsedFormTokens(now) {
      return q.purgeUsedFormTokens(db, now.toISOString());
    },

    async importReply(input, options = {}) {
      const reply = checkImportedReply(input);
      const secret = await deps.settings.siteSecret(options.within);
      const cipher = await deps.settings.emailCipher(options.within);
      const write = async (trx: Transaction<Database>) => {
        // Looked up on the same executor (inside an import's transaction SQLite has one connection).
        // There, the importer has just written the article (one check per
        // post, not per reply); the foreign key refuses any other article either way.
        if (!options.within && !(await q.articleExists(trx, reply.articleId)))
          throw new NotFound('This article does not exist, so it cannot take replies.');
        await checkParents(trx, [reply]);
        const row = importedRow(reply, input, secret, cipher);
        if (input.replaces === undefined) return q.insertReply(trx, row);
        if (!(await q.replaceImported(trx, input.replaces, row))) throw new NotFound('There is no reply with this number.');
        return input.replaces;
      };
      if (options.within) return write(options.within);
      const id = await db.transaction().execute(write);
      events.publish({ type: 'reply.posted', articleId: reply.articleId, replyId: id, status: input.status });
      return id;
    },

    async importReplies(inputs, options) {
      const secret = await deps.settings.siteSecret(options.within);
      return importReplyBatch(options.within, secret, await deps.settings.emailCipher(options.within), inputs);
    },

    deferIndexesForImport: (options) => deferPlainIndexesWhileEmpty(options.within, deps.caps, 'replies'),
  };
}
