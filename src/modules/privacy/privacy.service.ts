import { createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { emailPattern } from '../../lib/email-address.js';
import { Closed, Invalid, RateLimited } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import { cleanReaderLine } from '../../lib/reader-text.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import type { CommenterEmails } from '../replies/index.js';
import {
  PRIVACY_LINK_LIFETIME_MS,
  PRIVACY_REQUEST_KEPT_MS,
  privacyJobs,
  privacyLimits,
  type AddressExport,
  type AddressSummary,
  type ErasureMode,
  type ErasureResult,
} from './privacy.js';
import { privacyLinkKey, readPrivacyLink, signPrivacyLink } from './privacy-links.js';
import { exportAddress as exportAddressOf } from './address-export.js';
import { eraseAddress as eraseAddressIn } from './address-erasure.js';
import { verificationMail } from './privacy-mails.js';
import * as q from './privacy.queries.js';

/** Absolute addresses for mails and exports (the container builds them from `SITE_URL`). */
export interface PrivacyLinks {
  /** The verified page of a token. */
  verify(token: string): string;
  article(slug: string): string;
  /** The site's address, named in exports. */
  readonly site: string;
  /** The host part of Message-IDs. */
  readonly host: string;
}

/** What the privacy service needs, each as narrow as it can be. */
export interface PrivacyDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  jobs: Pick<JobQueue, 'enqueue' | 'handle'>;
  mailer: Mailer;
  settings: { siteSecret(): Promise<string> };
  /** Opens sealed emails and computes the keyed hash (the replies module's). */
  commenterEmails(): Promise<CommenterEmails>;
  /** The erasure mode in force (a discussion setting). */
  erasureMode(): Promise<ErasureMode>;
  siteTitle(): Promise<string>;
  links: PrivacyLinks;
}

/** What a verified link shows: what is stored, and what erasing would do. */
export interface VerifiedView extends AddressSummary {
  erasureMode: ErasureMode;
}

/** Personal data, self-service: the reader's verified link, and the same from the moderation desk. */
export interface PrivacyService {
  /**
   * The privacy page's form: queues a verification mail when something is stored for the address,
   * and answers the same (nothing) either way. Throws Invalid for something that is no address,
   * RateLimited when one sender asks too often (the same for every address).
   */
  requestLink(email: string, senderAddress: string): Promise<void>;
  /** What a link leads to; throws Invalid (not ours) or Closed (expired, or spent by an erasure). Changes nothing. */
  openLink(token: string): Promise<VerifiedView>;
  /** Everything stored about the link's address; the same refusals as `openLink`. */
  exportByLink(token: string): Promise<AddressExport>;
  /** Erases the link's address (the erasure mode in force) and spends the link; a second time is Closed. */
  eraseByLink(token: string): Promise<ErasureResult>;
  /** What is stored about an address (the desk). */
  lookup(email: string): Promise<AddressSummary>;
  /** Everything stored about an address (the desk), audited as an export. */
  exportAddress(email: string, actor: AuditActor): Promise<AddressExport>;
  /** Erases an address (the desk), audited. */
  eraseAddress(email: string, actor: AuditActor): Promise<ErasureResult>;
  /** Forgets requests a day after their links expired (the scheduler calls it); returns how many. */
  purgeRequests(): Promise<number>;
}

/** Mail jobs try for about an hour and a half: the link would be dead by the time a later one arrived. */
const MAIL_ATTEMPTS = 10;
/** The reader erasing their own data, as the audit trail names them. */
const readerActor: AuditActor = { kind: 'system', id: null, name: 'reader (verified privacy link)' };
/** The privacy service; registers its mail job on the queue. */
export function createPrivacyService(deps: PrivacyDeps): PrivacyService {
  const { db, clock, jobs, mailer, links, events } = deps;
  let linkKey: Buffer | undefined;
  const key = async () => (linkKey ??= privacyLinkKey(await deps.settings.siteSecret()));
  let senderKey: Buffer | undefined;
  /** A keyed hash of a network address: enough to count one sender's requests, never the address. */
  const senderHash = async (address: string) => {
    senderKey ??= createHmac('sha256', await deps.settings.siteSecret())
      .update('gazette privacy sender v1')
      .digest();
    return createHmac('sha256', senderKey).update(address).digest('hex');
  };

  function addressOf(raw: string): string {
    const email = cleanReaderLine(typeof raw === 'string' ? raw : '');
    if (!email) throw new Invalid('Please enter your email address.', 'email');
    if (email.length > 200 || !emailPattern.test(email)) {
      throw new Invalid('Please enter a valid email address, such as name@example.com.', 'email');
    }
    return email;
  }

  async function hashOf(raw: string): Promise<string> {
    return (await deps.commenterEmails()).fingerprint(addressOf(raw));
  }

  /** The live request of a token, or the refusal a person can act on. */
  async function requestOf(token: string, executor: Kysely<Database> | Transaction<Database> = db): Promise<q.PrivacyRequestRow> {
    const now = clock.now();
    const reading = readPrivacyLink(await key(), token, now);
    if (reading.status === 'forged') {
      throw new Invalid('This link is not one of ours, or it was cut short. Copy the whole link from the mail.', 'token');
    }
    const expired = 'This link has expired. Ask for a new one on the privacy page.';
    if (reading.status !== 'ok') throw new Closed(expired);
    const row = await q.findRequest(executor, reading.requestId);
    // Purged (long expired), or never mailed: as good as expired.
    if (!row || row.mailed !== 1 || row.expires_at < now.toISOString()) throw new Closed(expired);
    if (row.used_at !== null)
      throw new Closed('This link was used already: the data it led to has been erased. Ask for a new link if you need one.');
    return row;
  }

  async function summaryOf(executor: Kysely<Database> | Transaction<Database>, emailHash: string): Promise<AddressSummary> {
    const [replies, subscriptions] = await Promise.all([q.countReplies(executor, emailHash), q.countSubscriptions(executor, emailHash)]);
    return { replies, subscriptions };
  }

  async function exportOf(emailHash: string): Promise<AddressExport> {
    return exportAddressOf(db, emailHash, { clock, emails: await deps.commenterEmails(), site: links.site, articleUrl: links.article });
  }

  /** After the commit: every node drops the pages that showed the replies. */
  function announce(touched: readonly { id: number; article_id: number }[]): void {
    if (touched.length === 0) return;
    events.publish({
      type: 'reply.status-changed',
      articleIds: [...new Set(touched.map((r) => r.article_id))],
      replyIds: touched.map((r) => r.id),
      status: 'erased',
    });
  }

  jobs.handle<{ requestId: number }>(privacyJobs.verify, async ({ requestId }) => {
    const request = await q.findRequest(db, requestId);
    const now = clock.now();
    // Spent, erased by the desk meanwhile, or too late for a link to be of use: nothing to send.
    if (!request || request.mailed !== 1 || request.used_at !== null || request.expires_at < now.toISOString()) return;
    const sealed = await q.newestSealedEmail(db, request.email_hash);
    if (!sealed) return;
    const [emails, siteTitle] = await Promise.all([deps.commenterEmails(), deps.siteTitle()]);
    const to = emails.open(sealed);
    const token = signPrivacyLink(await key(), request.id, new Date(request.expires_at));
    await mailer.send({
      to,
      ...verificationMail({ siteTitle, verifyUrl: links.verify(token), minutes: Math.round(PRIVACY_LINK_LIFETIME_MS / 60_000) }),
      messageId: `<privacy-${request.id}@${links.host}>`,
    });
  });

  return {
    async requestLink(rawEmail, senderAddress) {
      const emailHash = await hashOf(rawEmail);
      if (!mailer.configured) {
        throw new Invalid(
          'This site cannot send email (no mail server is set up), so it cannot send the link. Ask the site’s editors.',
          'email',
        );
      }
      const now = clock.now();
      const since = new Date(now.getTime() - privacyLimits.windowMs).toISOString();
      const sender = await senderHash(senderAddress);
      if ((await q.requestsFromSender(db, sender, since)) >= privacyLimits.perSender) {
        throw new RateLimited('Too many requests from your network in the last hour. Please wait an hour and try again.');
      }
      await db.transaction().execute(async (trx) => {
        // Something stored, and not mailed too often lately: only then a mail (the answer is the same).
        const stored = (await q.countReplies(trx, emailHash)) > 0;
        const mail = stored && (await q.mailsToAddress(trx, emailHash, since)) < privacyLimits.mailsPerAddress;
        const id = await q.insertRequest(trx, {
          email_hash: emailHash,
          sender_hash: sender,
          mailed: mail ? 1 : 0,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + PRIVACY_LINK_LIFETIME_MS).toISOString(),
        });
        if (mail)
          await jobs.enqueue(
            privacyJobs.verify,
            { requestId: id },
            { uniqueKey: `${privacyJobs.verify}:${id}`, maxAttempts: MAIL_ATTEMPTS },
            trx,
          );
      });
    },

    async openLink(token) {
      const request = await requestOf(token);
      const [summary, erasureMode] = await Promise.all([summaryOf(db, request.email_hash), deps.erasureMode()]);
      return { ...summary, erasureMode };
    },

    async exportByLink(token) {
      return exportOf((await requestOf(token)).email_hash);
    },

    async eraseByLink(token) {
      const mode = await deps.erasureMode();
      const at = clock.now();
      const { result, touched } = await db.transaction().execute(async (trx) => {
        const request = await requestOf(token, trx);
        // Spent here, in the erasure's transaction: of two at once, one erases and the other is refused.
        if (!(await q.spendRequest(trx, request.id, at.toISOString()))) {
          throw new Closed('This link was used already: the data it led to has been erased. Ask for a new link if you need one.');
        }
        return eraseAddressIn(trx, request.email_hash, {
          mode,
          actor: readerActor,
          reason: 'asked for by the address’s owner (verified link)',
          at,
        });
      });
      announce(touched);
      return result;
    },

    async lookup(email) {
      return summaryOf(db, await hashOf(email));
    },

    async exportAddress(email, actor) {
      const emailHash = await hashOf(email);
      const data = await exportOf(emailHash);
      await recordAudit(db, {
        actor,
        action: 'privacy.export',
        subject: { type: 'address', id: 0 },
        reason: 'exported from the moderation desk',
        after: { address: emailHash.slice(0, 16), replies: data.replies.length, subscriptions: data.subscriptions.length },
        at: clock.now(),
      });
      return data;
    },

    async eraseAddress(email, actor) {
      const emailHash = await hashOf(email);
      const mode = await deps.erasureMode();
      const at = clock.now();
      const { result, touched } = await db
        .transaction()
        .execute((trx) => eraseAddressIn(trx, emailHash, { mode, actor, reason: 'erased from the moderation desk', at }));
      announce(touched);
      return result;
    },

    async purgeRequests() {
      return q.purgeRequests(db, new Date(clock.now().getTime() - PRIVACY_REQUEST_KEPT_MS).toISOString());
    },
  };
}
