import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Closed, Invalid } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import type { JobQueue } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import type { Reply, ReplyFollowUps } from '../replies/index.js';
import {
  CONFIRM_LINK_LIFETIME_MS,
  defaultHeldReplyMail,
  notifyJobs,
  type HeldReplyMail,
  type SubscriptionScope,
  type SubscriptionStatus,
} from './notify.js';
import { notifyLinkKey, readLink, signLink, type LinkPurpose } from './notify-links.js';
import { answerMail, confirmationMail, heldDigestMail, heldReplyMail, type HeldReplyLine, type MailContent } from './notify-mails.js';
import * as q from './notify.queries.js';

/** A newsroom member who moderates replies, as the notify module needs them. */
export interface Moderator {
  id: number;
  email: string;
  name: string;
}

/** Absolute addresses for the links in mails (the container builds them from `SITE_URL`). */
export interface NotifyLinks {
  confirm(token: string): string;
  unsubscribe(token: string): string;
  reply(articleSlug: string, replyId: number): string;
  desk(): string;
  memberSettings(): string;
  /** The host part of Message-IDs (`<notify-…@host>`). */
  readonly host: string;
}

/** What the notify service needs, each as narrow as it can be. */
export interface NotifyDeps {
  db: Kysely<Database>;
  clock: Clock;
  jobs: Pick<JobQueue, 'enqueue' | 'handle'>;
  mailer: Mailer;
  settings: { siteSecret(): Promise<string> };
  replies: {
    find(id: number): Promise<Reply | undefined>;
    authorAddressOf(id: number): Promise<string | undefined>;
    listByStatus(status: 'held', limit: number): Promise<Reply[]>;
  };
  articles: { findById(id: number): Promise<{ slug: string; headline: string } | undefined> };
  /** The members who may moderate replies and are not disabled. */
  moderators(): Promise<Moderator[]>;
  siteTitle(): Promise<string>;
  links: NotifyLinks;
}

/** What a confirmation link leads to. */
export interface ConfirmationView {
  /** `pending`: ask for the choice; `active`: already confirmed; `ended`: unsubscribed since. */
  status: SubscriptionStatus;
  headline: string;
  scope: SubscriptionScope;
}

/** Reply notifications: the follow-ups of every reply, the reader's links, the members' choice. */
export interface NotifyService {
  /** Runs inside each reply write (wired into the replies module): subscriptions and mails queued with the reply. */
  readonly followUps: ReplyFollowUps;
  /** What a confirmation link says; throws Invalid (forged) or Closed (expired). Changes nothing (mail scanners open links). */
  readConfirmation(token: string): Promise<ConfirmationView>;
  /** Confirms the subscription of a link with the reader's choice; a second time changes nothing. */
  confirm(token: string, scope: SubscriptionScope): Promise<ConfirmationView>;
  /**
   * Ends every subscription of the link's address (RFC 8058 one-click). Answers the same whether
   * the address had any: a stranger learns nothing. Throws Invalid for a link we did not sign.
   */
  unsubscribe(token: string): Promise<void>;
  /** How a member hears of held replies. */
  heldReplyMailOf(userId: number): Promise<HeldReplyMail>;
  setHeldReplyMail(userId: number, choice: HeldReplyMail): Promise<void>;
  /** Queues the day's digest once the day's hour has come (the scheduler calls it; once a day across nodes). */
  queueDigest(): Promise<void>;
}

/**
 * Mail jobs try for hours: 5 s, 10 s, 20 s … doubling to an hour apart, 14 runs span about 4.4
 * hours, so a mail server down for an hour delays mail and loses none.
 */
const MAIL_ATTEMPTS = 14;
/** The digest goes out at the first tick after this hour (UTC), covering the 24 hours before it. */
const DIGEST_HOUR_UTC = 7;
const DAY_MS = 24 * 3600_000;
/** The most held replies a digest looks through. */
const DIGEST_SCAN = 500;

/** The notify service; registers its job handlers on the queue. */
export function createNotifyService(deps: NotifyDeps): NotifyService {
  const { db, clock, jobs, mailer, links } = deps;
  let key: Buffer | undefined;
  const linkKey = async () => (key ??= notifyLinkKey(await deps.settings.siteSecret()));

  async function enqueueMail(name: string, payload: Record<string, number | string>, uniqueKey: string, trx?: Transaction<Database>) {
    // Without an SMTP server nothing could go out: no job to fail again and again.
    if (!mailer.configured) return;
    await jobs.enqueue(name, payload, { uniqueKey, maxAttempts: MAIL_ATTEMPTS }, trx);
  }

  async function send(to: string, content: MailContent, messageKey: string, unsubscribeUrl?: string) {
    await mailer.send({
      to,
      ...content,
      messageId: `<notify-${messageKey}@${links.host}>`,
      ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
    });
  }

  async function subscriptionOf(token: string, purpose: LinkPurpose) {
    const reading = readLink(await linkKey(), purpose, token, clock.now());
    if (reading.status === 'forged') {
      throw new Invalid('This link is not one of ours, or it was cut short. Copy the whole link from the mail.', 'token');
    }
    if (reading.status !== 'ok') {
      throw new Closed('This confirmation link has expired. Tick “Notify me” again with your next comment to get a new one.');
    }
    return reading.subscriptionId;
  }

  async function viewOf(subscriptionId: number): Promise<ConfirmationView> {
    const sub = await q.findSubscription(db, subscriptionId);
    // A signed link whose subscription went with its reply (deleted): as good as ended.
    if (!sub) return { status: 'ended', headline: '', scope: 'answers' };
    const article = await deps.articles.findById(sub.article_id);
    return { status: sub.status, headline: article?.headline ?? '', scope: sub.scope };
  }

  const followUps: ReplyFollowUps = {
    async posted(trx, reply) {
      const now = clock.now().toISOString();
      if (reply.wantsFollowUps) {
        // An address confirmed before (and not unsubscribed) is not asked again; any other is,
        // and hears nothing else from us until it answers (double opt-in).
        const confirmed = await q.addressIsConfirmed(trx, reply.emailHash);
        const id = await q.insertSubscription(trx, {
          reply_id: reply.id,
          article_id: reply.articleId,
          email_hash: reply.emailHash,
          status: confirmed ? 'active' : 'pending',
          created_at: now,
        });
        // At most one confirmation a day to an address, and none for a reply judged spam: the form
        // must not become a way to fill a stranger's inbox. Confirming one confirms the address.
        const day = now.slice(0, 10);
        if (!confirmed && reply.status !== 'spam') {
          await enqueueMail(notifyJobs.confirm, { subscriptionId: id }, `${notifyJobs.confirm}:${reply.emailHash}:${day}`, trx);
        }
      }
      if (reply.status === 'approved')
        await enqueueMail(notifyJobs.approved, { replyId: reply.id }, `${notifyJobs.approved}:${reply.id}`, trx);
      if (reply.status === 'held') await enqueueMail(notifyJobs.held, { replyId: reply.id }, `${notifyJobs.held}:${reply.id}`, trx);
    },
    async statusChanged(trx, moves) {
      // The unique key makes a reply's announcement once in its life: approved, unapproved and
      // approved again mails nobody twice.
      for (const m of moves) {
        if (m.to === 'approved') await enqueueMail(notifyJobs.approved, { replyId: m.replyId }, `${notifyJobs.approved}:${m.replyId}`, trx);
      }
    },
  };

  jobs.handle<{ subscriptionId: number }>(notifyJobs.confirm, async ({ subscriptionId }) => {
    const sub = await q.findSubscription(db, subscriptionId);
    if (!sub || sub.status !== 'pending') return;
    const [address, article, siteTitle] = await Promise.all([
      deps.replies.authorAddressOf(sub.reply_id),
      deps.articles.findById(sub.article_id),
      deps.siteTitle(),
    ]);
    if (!address || !article) return;
    const token = signLink(await linkKey(), 'confirm', sub.id, new Date(clock.now().getTime() + CONFIRM_LINK_LIFETIME_MS));
    await send(address, confirmationMail({ siteTitle, headline: article.headline, confirmUrl: links.confirm(token) }), `confirm-${sub.id}`);
  });

  jobs.handle<{ replyId: number }>(notifyJobs.approved, async ({ replyId }) => {
    const reply = await deps.replies.find(replyId);
    if (!reply || reply.status !== 'approved') return;
    const parent = reply.parentId === null ? undefined : await deps.replies.find(reply.parentId);
    const listening = await q.listeners(db, reply.articleId, parent?.authorFingerprint ?? null);
    for (const sub of listening) {
      // Nobody hears of their own words.
      if (sub.email_hash === reply.authorFingerprint) continue;
      await enqueueMail(notifyJobs.answer, { subscriptionId: sub.id, replyId }, `${notifyJobs.answer}:${sub.id}:${replyId}`);
    }
  });

  jobs.handle<{ subscriptionId: number; replyId: number }>(notifyJobs.answer, async ({ subscriptionId, replyId }, { jobId }) => {
    const [sub, reply] = await Promise.all([q.findSubscription(db, subscriptionId), deps.replies.find(replyId)]);
    // Unsubscribed, or the reply withdrawn, since the job was queued: nothing to say.
    if (!sub || sub.status !== 'active' || !reply || reply.status !== 'approved') return;
    const parent = reply.parentId === null ? undefined : await deps.replies.find(reply.parentId);
    const [address, article, siteTitle] = await Promise.all([
      deps.replies.authorAddressOf(sub.reply_id),
      deps.articles.findById(reply.articleId),
      deps.siteTitle(),
    ]);
    if (!address || !article) return;
    const unsubscribeUrl = links.unsubscribe(signLink(await linkKey(), 'unsubscribe', sub.id, null));
    const content = answerMail({
      siteTitle,
      headline: article.headline,
      answererName: reply.authorName,
      answersYou: parent?.authorFingerprint === sub.email_hash,
      body: reply.body,
      replyUrl: links.reply(article.slug, reply.id),
      unsubscribeUrl,
    });
    await send(address, content, `answer-${jobId}`, unsubscribeUrl);
  });

  async function heldLine(reply: Reply): Promise<HeldReplyLine> {
    const article = await deps.articles.findById(reply.articleId);
    return { authorName: reply.authorName, headline: article?.headline ?? '', body: reply.body };
  }

  async function membersChoosing(choice: HeldReplyMail): Promise<Moderator[]> {
    const [members, choices] = await Promise.all([deps.moderators(), q.memberChoices(db)]);
    return members.filter((m) => (choices.get(m.id) ?? defaultHeldReplyMail) === choice);
  }

  jobs.handle<{ replyId: number }>(notifyJobs.held, async ({ replyId }) => {
    for (const member of await membersChoosing('each')) {
      await enqueueMail(notifyJobs.heldMail, { userId: member.id, replyId }, `${notifyJobs.heldMail}:${member.id}:${replyId}`);
    }
  });

  jobs.handle<{ userId: number; replyId: number }>(notifyJobs.heldMail, async ({ userId, replyId }, { jobId }) => {
    const reply = await deps.replies.find(replyId);
    // Moderated already: the mail would only send someone to an empty queue.
    if (!reply || reply.status !== 'held') return;
    const member = (await membersChoosing('each')).find((m) => m.id === userId);
    if (!member) return;
    const [line, siteTitle] = await Promise.all([heldLine(reply), deps.siteTitle()]);
    await send(
      member.email,
      heldReplyMail({ siteTitle, reply: line, deskUrl: links.desk(), settingsUrl: links.memberSettings() }),
      `held-${jobId}`,
    );
  });

  /** The held replies of the day that ends at `day`'s digest hour, and how many wait in all. */
  async function digestOf(day: string) {
    const end = new Date(`${day}T${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00:00.000Z`).getTime();
    const held = await deps.replies.listByStatus('held', DIGEST_SCAN);
    const ofTheDay = held.filter((r) => r.createdAt.getTime() >= end - DAY_MS && r.createdAt.getTime() < end);
    return { ofTheDay, waiting: held.length };
  }

  jobs.handle<{ day: string }>(notifyJobs.digest, async ({ day }) => {
    if ((await digestOf(day)).ofTheDay.length === 0) return;
    for (const member of await membersChoosing('daily')) {
      await enqueueMail(notifyJobs.digestMail, { userId: member.id, day }, `${notifyJobs.digestMail}:${member.id}:${day}`);
    }
  });

  jobs.handle<{ userId: number; day: string }>(notifyJobs.digestMail, async ({ userId, day }, { jobId }) => {
    const member = (await membersChoosing('daily')).find((m) => m.id === userId);
    const { ofTheDay, waiting } = await digestOf(day);
    if (!member || ofTheDay.length === 0) return;
    const [lines, siteTitle] = await Promise.all([Promise.all(ofTheDay.map(heldLine)), deps.siteTitle()]);
    await send(
      member.email,
      heldDigestMail({ siteTitle, day, replies: lines, waiting, deskUrl: links.desk(), settingsUrl: links.memberSettings() }),
      `digest-${jobId}`,
    );
  });

  return {
    followUps,

    async readConfirmation(token) {
      return viewOf(await subscriptionOf(token, 'confirm'));
    },

    async confirm(token, scope) {
      const id = await subscriptionOf(token, 'confirm');
      await db.transaction().execute(async (trx) => {
        if (await q.confirmPending(trx, id, scope, clock.now().toISOString())) {
          const sub = await q.findSubscription(trx, id);
          if (sub) await q.confirmOthersOf(trx, sub.email_hash, clock.now().toISOString());
        }
      });
      return viewOf(id);
    },

    async unsubscribe(token) {
      const id = await subscriptionOf(token, 'unsubscribe');
      const sub = await q.findSubscription(db, id);
      if (sub) await q.endAllOf(db, sub.email_hash, clock.now().toISOString());
    },

    async heldReplyMailOf(userId) {
      return (await q.memberChoices(db)).get(userId) ?? defaultHeldReplyMail;
    },

    async setHeldReplyMail(userId, choice) {
      await q.setMemberChoice(db, userId, choice);
    },

    async queueDigest() {
      const now = clock.now();
      if (now.getUTCHours() < DIGEST_HOUR_UTC) return;
      const day = now.toISOString().slice(0, 10);
      // Keyed by day: every node may ask, one digest is queued.
      await jobs.enqueue(notifyJobs.digest, { day }, { uniqueKey: `${notifyJobs.digest}:${day}`, maxAttempts: MAIL_ATTEMPTS });
    },
  };
}
