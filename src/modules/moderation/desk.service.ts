import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import { cleanReaderLine, unstorableTextProblem } from '../../lib/reader-text.js';
import type { FullText } from '../../storage/full-text.js';
import type { Database } from '../../storage/schema.js';
import type { ReplyStatus } from '../replies/index.js';
import { recordAudit, type AuditActor, type AuditEntry, type AuditService } from '../audit/index.js';
import {
  cleanStaffText,
  publishStatusChanged,
  type CommenterEmails,
  type ReplyDecision,
  type RepliesService,
  type StaffAuthor,
} from '../replies/index.js';
import * as q from './desk.queries.js';

/** A reply on the moderation desk: everything a moderator may see, sender's email and address included. */
export interface DeskReply {
  id: number;
  article: { id: number; slug: string; headline: string };
  /** The other site's page the reply was posted on, when it came through an embedded thread (issue 15). */
  page: { url: string; origin: string } | null;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  /** Keyed hash of the sender's email: their history is found by it. */
  senderKey: string;
  body: string;
  status: ReplyStatus;
  createdAt: Date;
  ip: string;
  userAgent: string;
  reason: string;
  staff: boolean;
  editedAt: Date | null;
  /** The machine's verdict when it came in (moderators only; never shown to its author); null for staff answers, imports and older replies. */
  decision: ReplyDecision | null;
}

/** A desk list line: the reply and how many replies its sender has sent, by status. */
export interface DeskListItem extends DeskReply {
  senderCounts: Record<ReplyStatus, number>;
}

/** One reply with everything around it. */
export interface DeskDetail {
  reply: DeskListItem;
  /** The replies it answers, the thread's first one first. */
  ancestors: DeskReply[];
  answers: DeskReply[];
  /** The sender's other replies, newest first. */
  history: DeskReply[];
  audit: AuditEntry[];
}

/** What a moderator can do to replies in bulk. */
export type DeskAction = 'approve' | 'hold' | 'spam' | 'trash' | 'delete';

/** Who is acting (copied into the audit trail). */
export type DeskActor = AuditActor;

/** The moderation desk: lists, search, bulk actions, edits and staff answers, every change audited. */
export interface ModerationDesk {
  counts(): Promise<Record<ReplyStatus, number>>;
  list(filter: {
    status?: ReplyStatus;
    search?: string;
    senderKey?: string;
    site?: string;
    limit?: number;
    offset?: number;
  }): Promise<DeskListItem[]>;
  /** The other sites whose pages embed threads (issue 15), for the site filter. */
  sites(): Promise<string[]>;
  detail(id: number): Promise<DeskDetail>;
  /** Applies one action to many replies with one reason; returns how many changed. */
  moderate(ids: readonly number[], action: DeskAction, reason: string, actor: DeskActor): Promise<number>;
  edit(id: number, body: string, reason: string, actor: DeskActor): Promise<void>;
  /** Answers a reply as the newsroom (approving the reply answered if it was held). */
  answer(parentId: number, body: string, staff: StaffAuthor & DeskActor): Promise<number>;
  /**
   * Deletes for good every spam reply that came in more than `days` days ago (each deletion audited,
   * a batch per transaction); returns how many. What the filter learnt from them stays learnt.
   */
  emptySpam(days: number, actor: DeskActor): Promise<number>;
}

/** The range of "empty spam older than N days". */
export const EMPTY_SPAM_DAYS = Object.freeze({ min: 1, max: 3650 });
/** Spam replies deleted per transaction when emptying the queue. */
const EMPTY_SPAM_BATCH = 500;

/** Dependencies of the desk. */
export interface DeskDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  audit: AuditService;
  /** Every reply write goes through the replies module's one writer and one status change. */
  replies: Pick<RepliesService, 'changeReplyStatus' | 'answerAsStaff' | 'commenterEmails'>;
  /** The dialect's full-text search, for the approved replies' search. */
  fullText: FullText;
}

const statusOf: Record<Exclude<DeskAction, 'delete'>, ReplyStatus> = { approve: 'approved', hold: 'held', spam: 'spam', trash: 'trash' };

function toDeskReply(row: q.DeskReplyRow, emails: CommenterEmails): DeskReply {
  return {
    id: row.id,
    article: { id: row.article_id, slug: row.article_slug, headline: row.article_headline },
    page: row.page_url && row.page_origin ? { url: row.page_url, origin: row.page_origin } : null,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: emails.open(row.author_email),
    authorUrl: row.author_url,
    senderKey: row.author_email_hash,
    body: row.body,
    status: row.status,
    createdAt: new Date(row.created_at),
    ip: row.ip,
    userAgent: row.user_agent,
    reason: row.moderation_reason,
    staff: row.staff_user_id !== null,
    editedAt: row.edited_at ? new Date(row.edited_at) : null,
    decision: row.decision_status
      ? { status: row.decision_status as ReplyDecision['status'], reason: row.decision_reason, score: row.decision_score }
      : null,
  };
}

function cleanReason(reason: string): string {
  const problem = unstorableTextProblem(reason);
  if (problem) throw new Invalid(`The reason ${problem}`, 'reason');
  const text = cleanReaderLine(reason);
  if (text.length > 500) throw new Invalid('The reason is too long: at most 500 characters.', 'reason');
  return text;
}

/** The moderation desk over the database. */
export function createModerationDesk(deps: DeskDeps): ModerationDesk {
  const { db, clock, events, audit, fullText } = deps;
  const desk: ModerationDesk = {
    counts: () => q.countByStatus(db),
    sites: () => q.embeddingSites(db),
    async list({ status, search, senderKey, site, limit = 50, offset = 0 }) {
      const emails = await deps.replies.commenterEmails();
      const searchHash = search?.includes('@') ? emails.fingerprint(search) : undefined;
      const rows = await q.listForDesk(db, fullText, { status, search, searchHash, senderHash: senderKey, site, limit, offset });
      const counts = await q.countBySender(
        db,
        rows.map((r) => r.author_email_hash),
      );
      return rows.map((r) => ({
        ...toDeskReply(r, emails),
        senderCounts: counts.get(r.author_email_hash) ?? { held: 0, approved: 0, spam: 0, trash: 0 },
      }));
    },
    async detail(id) {
      const row = await q.findForDesk(db, id);
      if (!row) throw new NotFound('There is no reply with this number.');
      const emails = await deps.replies.commenterEmails();
      const toDesk = (r: q.DeskReplyRow) => toDeskReply(r, emails);
      const ancestors: DeskReply[] = [];
      const seen = new Set([row.id]);
      for (let parentId = row.parent_id; parentId !== null && !seen.has(parentId) && ancestors.length < 20;) {
        seen.add(parentId);
        const parent = await q.findForDesk(db, parentId);
        if (!parent) break;
        ancestors.unshift(toDesk(parent));
        parentId = parent.parent_id;
      }
      const [answers, history, counts, entries] = await Promise.all([
        q.answersTo(db, id),
        q.listForDesk(db, fullText, { senderHash: row.author_email_hash, limit: 21, offset: 0 }),
        q.countBySender(db, [row.author_email_hash]),
        audit.list({ subjectType: 'reply', subjectId: id, limit: 50 }),
      ]);
      return {
        reply: { ...toDesk(row), senderCounts: counts.get(row.author_email_hash) ?? { held: 0, approved: 0, spam: 0, trash: 0 } },
        ancestors,
        answers: answers.map(toDesk),
        history: history
          .filter((h) => h.id !== id)
          .slice(0, 20)
          .map(toDesk),
        audit: entries,
      };
    },
    async moderate(ids, action, rawReason, actor) {
      const reason = cleanReason(rawReason);
      if (action !== 'delete') return (await deps.replies.changeReplyStatus(ids, statusOf[action], actor, reason)).length;
      const at = clock.now();
      const deleted = await db.transaction().execute(async (trx) => {
        const rows = await q.findManyForDesk(trx, ids);
        for (const r of rows) {
          await recordAudit(trx, {
            actor,
            action: 'reply.delete',
            subject: { type: 'reply', id: r.id },
            reason,
            before: { status: r.status, author: r.author_name, body: r.body },
            after: null,
            at,
          });
        }
        await q.deleteReplies(
          trx,
          rows.map((r) => r.id),
        );
        return rows;
      });
      publishStatusChanged(events, deleted, 'deleted');
      return deleted.length;
    },
    async edit(id, rawBody, rawReason, actor) {
      const body = cleanStaffText(rawBody);
      const reason = cleanReason(rawReason);
      const at = clock.now();
      const row = await db.transaction().execute(async (trx) => {
        const before = await q.findForDesk(trx, id);
        if (!before) throw new NotFound('There is no reply with this number.');
        await q.updateBody(trx, id, body, reason, at.toISOString());
        await recordAudit(trx, {
          actor,
          action: 'reply.edit',
          subject: { type: 'reply', id },
          reason,
          before: { body: before.body },
          after: { body },
          at,
        });
        return before;
      });
      events.publish({ type: 'article.changed', articleId: row.article_id });
    },
    answer: (parentId, body, staff) => deps.replies.answerAsStaff(parentId, body, staff),
    async emptySpam(days, actor) {
      if (!Number.isInteger(days) || days < EMPTY_SPAM_DAYS.min || days > EMPTY_SPAM_DAYS.max)
        throw new Invalid(`Enter a whole number of days from ${EMPTY_SPAM_DAYS.min} to ${EMPTY_SPAM_DAYS.max}.`, 'days');
      const beforeIso = new Date(clock.now().getTime() - days * 86_400_000).toISOString();
      const reason = `spam older than ${days} ${days === 1 ? 'day' : 'days'}`;
      let deleted = 0;
      for (;;) {
        const ids = await q.spamIdsBefore(db, beforeIso, EMPTY_SPAM_BATCH);
        if (ids.length === 0) return deleted;
        const removed = await desk.moderate(ids, 'delete', reason, actor);
        deleted += removed;
        // Fewer than a batch means the queue is done; none deleted means another node got there first.
        if (ids.length < EMPTY_SPAM_BATCH || removed === 0) return deleted;
      }
    },
  };
  return desk;
}
