import type { Config } from './config.js';
import { systemClock, type Clock } from './lib/clock.js';
import { DomainEvents } from './lib/events.js';
import { createLogger, type Logger } from './lib/logger.js';
import {
  createArticlesService,
  createArticleWriter,
  createEditorialService,
  findArticleWithin,
  createMarkdownRenderer,
  withInlineImages,
  type ArticlesService,
  type ArticleWriter,
  type EditorialService,
  type MarkdownRenderer,
} from './modules/articles/index.js';
import { createAccountsService, createStaffDirectory, type AccountsService } from './modules/accounts/index.js';
import { createDiscoveryService, type DiscoveryService } from './modules/discovery/index.js';
import { createMailer, type Mailer } from './modules/mail/index.js';
import { createMediaService, type MediaService } from './modules/media/index.js';
import { createNotifyService, type NotifyService } from './modules/notify/index.js';
import { createPrivacyService, type PrivacyService } from './modules/privacy/index.js';
import { atLeast } from './modules/accounts/index.js';
import { createAuditService, type AuditService } from './modules/audit/index.js';
import {
  createDiscussionSettingsService,
  createModerationDesk,
  createReaderModeration,
  type DiscussionSettingsService,
  type ModerationDesk,
} from './modules/moderation/index.js';
import { createOldLinks, type OldLinks } from './modules/importers/index.js';
import { createJobQueue, Scheduler, type JobQueue } from './modules/jobs/index.js';
import { createEmbedPagesService, type EmbedPagesService } from './modules/embeds/index.js';
import { combineFollowUps, createRepliesService, findReplyWithin, type RepliesService } from './modules/replies/index.js';
import { createSearchService, indexArticleForSearch, type SearchService } from './modules/search/index.js';
import { createSpamFilter, type SpamFilter } from './modules/spam/index.js';
import { createApiTokensService, type ApiTokensService } from './modules/api-tokens/index.js';
import { createWebhookAnnouncer, createWebhooksService, type WebhooksService } from './modules/webhooks/index.js';
import {
  createSettingsService,
  createSiteSettingsService,
  defaultSiteSettings,
  type SettingsService,
  type SiteSettingsService,
} from './modules/settings/index.js';
import { bridgeEvents, chooseEventRelay, type EventBridge, type EventRelay } from './relay/index.js';
import { createStorage, type Storage } from './storage/db.js';
import { createGroupCommit } from './storage/group-commit.js';

/** Everything the web app and the CLI use, wired once. */
export interface Container {
  readonly config: Config;
  readonly storage: Storage;
  readonly clock: Clock;
  readonly events: DomainEvents;
  /** The one logger: jobs, the relay, the scheduler, the database pool and the web app all write to it. */
  readonly logger: Logger;
  readonly settings: SettingsService;
  /** The site's title, description, pictures, menu, time zone and language: set in the newsroom, read by every page. */
  readonly site: SiteSettingsService;
  /** The public reads of articles. */
  readonly articles: ArticlesService;
  /** The one writer of articles (newsroom, seed, importers, test factories) and their status changes. */
  readonly articleWriter: ArticleWriter;
  /** Full-text search over what readers may see (the /search page, the API's search). */
  readonly search: SearchService;
  /** What the sitemaps list: public stories and tags in chunks, the last 48 hours' news. */
  readonly discovery: DiscoveryService;
  readonly replies: RepliesService;
  /** The spam filter: judges new replies, learns from moderators on every node (`spam_training`). */
  readonly spam: SpamFilter;
  /** Outgoing mail over SMTP (password resets). */
  readonly mailer: Mailer;
  /** Newsroom accounts, sessions and sign-in. */
  readonly accounts: AccountsService;
  /** The audit trail of moderation and editorial actions. */
  readonly audit: AuditService;
  /** The moderation desk. */
  readonly desk: ModerationDesk;
  /** The discussion settings: read everywhere, changed through one audited writer. */
  readonly discussion: DiscussionSettingsService;
  /** The newsroom's editor: drafts, publishing, scheduling, revisions. */
  readonly editorial: EditorialService;
  /** Uploaded images in responsive sizes. */
  readonly media: MediaService;
  /** Other sites' pages that embed reply threads, and which sites may (issue 15). */
  readonly embeds: EmbedPagesService;
  /** Old addresses of an imported site (WordPress permalinks, `?p=` links, feeds), answered from the legacy keys. */
  readonly oldLinks: OldLinks;
  /** Durable background jobs, run once across nodes (notification mails go through it). */
  readonly jobs: JobQueue;
  /** Members' API tokens, for programs using /api/v1. */
  readonly apiTokens: ApiTokensService;
  /** Webhooks administrators register; deliveries go through the job queue. */
  readonly webhooks: WebhooksService;
  /** Reply notifications: readers' subscriptions (double opt-in, one-click unsubscribe) and moderators' mails. */
  readonly notify: NotifyService;
  /** Personal data, self-service: readers' verified export and erasure, and the same from the desk. */
  readonly privacy: PrivacyService;
  /** This node's loop for scheduled publishing and jobs; started by `startBackground()`. */
  readonly scheduler: Scheduler;
  /** Carries domain events to and from the site's other processes. */
  readonly relay: EventBridge & { readonly kind: EventRelay['kind'] };
  /** For a serving node: listen to the other nodes' events and start the scheduler. */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/** Options tests use to swap the clock or hand in an already-open database. */
export interface ContainerOptions {
  clock?: Clock;
  storage?: Storage;
  /** How events reach other processes (default: chosen from the config and the database). */
  relay?: EventRelay;
  /** Formats article Markdown (default: a pool of worker threads of its own, closed with the container; one handed in is left open). */
  markdown?: MarkdownRenderer;
  /** The logger (default: one made from `LOG_LEVEL`); tests hand in one writing to a stream they read. */
  logger?: Logger;
}

const WEEK_MS = 7 * 24 * 3600_000;

/** The composition root: explicit wiring, no framework, no hidden singletons. */
export function createContainer(config: Config, options: ContainerOptions = {}): Container {
  const logger = options.logger ?? createLogger(config.logLevel);
  const storage = options.storage ?? createStorage(config.database, { logger });
  const clock = options.clock ?? systemClock;
  const events = new DomainEvents();
  const settings = createSettingsService(
    storage.db,
    { configured: config.siteSecret, keyFile: config.siteKeyFile, logger },
    { configured: config.secretKey, keyFile: config.secretKeyFile, logger },
  );
  const formatter = options.markdown ?? createMarkdownRenderer();
  const media = createMediaService({ db: storage.db, clock, uploadsDir: config.uploadsDir, logger });
  // Uploaded images in a text get their sizes (srcset, width, height) from the media records.
  const markdown = withInlineImages(formatter, media.inlineImagesIn);
  const articles = createArticlesService(storage.db, clock);
  const jobs = createJobQueue({ db: storage.db, caps: storage.caps, clock, logger });
  const webhooks = createWebhooksService({ db: storage.db, clock, jobs, logger });
  // Deliveries are queued inside the transaction of the write that causes them (an outbox), by the
  // article writer's and the reply writers' follow-ups: every process that writes announces.
  const announcer = createWebhookAnnouncer({
    clock,
    articles: { findWithin: findArticleWithin },
    replies: { findWithin: findReplyWithin },
    webhooks,
    siteUrl: config.siteUrl,
  });
  const articleWriter = createArticleWriter({
    db: storage.db,
    clock,
    events,
    caps: storage.caps,
    markdown,
    indexForSearch: indexArticleForSearch,
    followUp: announcer.articleWritten,
  });
  const search = createSearchService({ db: storage.db, caps: storage.caps, clock });
  const discovery = createDiscoveryService({ db: storage.db, clock });
  const discussion = createDiscussionSettingsService(storage.db, clock, events);
  const spam = createSpamFilter({
    db: storage.db,
    clock,
    logger,
    modelPath: config.spamModelFile,
    emailCipher: (within) => settings.emailCipher(within),
  });
  // Readers' replies share commits: one fsync for all that arrive while the previous one is under way.
  const replyCommits = createGroupCommit(storage.db, {
    concurrency: storage.caps.concurrentWriteBatches,
    observe: ({ size, ms }) => logger.debug({ size, ms: Math.round(ms * 100) / 100 }, 'reply batch committed'),
  });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, timeoutMs: config.smtpTimeoutMs });
  // Before the replies service, whose writes it follows; it reads replies, articles and members
  // only when its jobs run, through these late-bound look-ups.
  const notify = createNotifyService({
    db: storage.db,
    clock,
    jobs,
    mailer,
    settings,
    replies: {
      find: (id) => replies.find(id),
      authorAddressOf: (id) => replies.authorEmail(id),
      listByStatus: (status, limit) => replies.listByStatus(status, limit),
    },
    articles: { findById: (id) => articles.findById(id) },
    moderators: async () =>
      (await accounts.list())
        .filter((u) => u.disabledAt === null && atLeast(u, 'editor'))
        .map((u) => ({ id: u.id, email: u.email, name: u.name })),
    siteTitle: async () => (await site.current()).title,
    links: {
      confirm: (token) => `${config.siteUrl}/notify/confirm?token=${token}`,
      unsubscribe: (token) => `${config.siteUrl}/notify/unsubscribe?token=${token}`,
      reply: (slug, id) => `${config.siteUrl}/articles/${encodeURIComponent(slug)}#reply-${id}`,
      desk: () => `${config.siteUrl}/admin/replies?status=held`,
      memberSettings: () => `${config.siteUrl}/admin/account/notifications`,
      host: new URL(config.siteUrl).hostname,
    },
  });
  const replies = createRepliesService({
    db: storage.db,
    commits: replyCommits,
    clock,
    settings,
    articles,
    events,
    caps: storage.caps,
    staff: createStaffDirectory(storage.db),
    moderation: createReaderModeration(discussion, spam),
    learner: spam,
    followUps: combineFollowUps(notify.followUps, announcer.replies),
  });
  // One-time links lead to the admin's setup and reset pages (src/web/routes/admin/).
  const links = {
    setup: (token: string) => `${config.siteUrl}/admin/setup?token=${token}`,
    passwordReset: (token: string) => `${config.siteUrl}/admin/reset?token=${token}`,
  };
  const audit = createAuditService(storage.db);
  const desk = createModerationDesk({ db: storage.db, clock, events, audit, replies, fullText: storage.caps.fullText });
  const editorial = createEditorialService({ db: storage.db, writer: articleWriter, markdown });
  const oldLinks = createOldLinks(storage.db, clock);
  const embeds = createEmbedPagesService({
    db: storage.db,
    clock,
    writer: articleWriter,
    settingsOrigins: async () => (await discussion.current()).embedOrigins,
    configOrigins: config.embedOrigins,
    pagesPerSite: config.embedPagesPerSite,
  });
  const site = createSiteSettingsService({ db: storage.db, clock, events, media, defaults: defaultSiteSettings(config) });
  // After the job queue: reset mails are queued there and sent after the answer.
  const accounts = createAccountsService({ db: storage.db, clock, mailer, links, siteTitle: config.siteTitle, jobs, caps: storage.caps });
  const apiTokens = createApiTokensService({ db: storage.db, clock });
  const privacy = createPrivacyService({
    db: storage.db,
    clock,
    events,
    jobs,
    mailer,
    settings,
    commenterEmails: () => replies.commenterEmails(),
    erasureMode: async () => (await discussion.current()).erasureMode,
    siteTitle: async () => (await site.current()).title,
    links: {
      verify: (token) => `${config.siteUrl}/privacy/verify?token=${token}`,
      article: (slug) => `${config.siteUrl}/articles/${encodeURIComponent(slug)}`,
      site: config.siteUrl,
      host: new URL(config.siteUrl).hostname,
    },
  });
  const scheduler = new Scheduler({
    intervalMs: config.schedulerIntervalMs,
    tasks: [
      { name: 'publish scheduled articles', run: () => articleWriter.publishDue() },
      { name: 'run due jobs', run: () => jobs.runDue() },
      { name: 'purge finished jobs', everyMs: 3600_000, run: () => jobs.purgeFinished(new Date(clock.now().getTime() - WEEK_MS)) },
      { name: 'purge old sign-in records', everyMs: 3600_000, run: () => accounts.purgeStale() },
      { name: 'queue the held replies digest', everyMs: 600_000, run: () => notify.queueDigest() },
      { name: 'purge used reply form tokens', everyMs: 3600_000, run: () => replies.purgeUsedFormTokens(clock.now()) },
      // IP_RETENTION_DAYS (default 30): senders' addresses and browsers are kept no longer (docs/security.md).
      { name: 'erase old IP addresses', everyMs: 3600_000, run: () => replies.eraseOldSenderDetails(config.ipRetentionDays) },
      // A privacy request's two keyed hashes are kept a day past its link, for the rate limit (docs/privacy.md).
      { name: 'purge old privacy requests', everyMs: 3600_000, run: () => privacy.purgeRequests() },
    ],
    logger,
  });
  const relayTransport = options.relay ?? chooseEventRelay({ redisUrl: config.redisUrl, storage });
  const relay = { ...bridgeEvents(events, relayTransport, logger), kind: relayTransport.kind };
  return {
    config,
    storage,
    clock,
    events,
    logger,
    settings,
    site,
    articles,
    articleWriter,
    search,
    discovery,
    replies,
    spam,
    mailer,
    accounts,
    audit,
    desk,
    discussion,
    editorial,
    media,
    oldLinks,
    embeds,
    jobs,
    apiTokens,
    webhooks,
    notify,
    privacy,
    scheduler,
    relay,
    async startBackground() {
      await relay.start();
      scheduler.start();
    },
    async close() {
      await scheduler.stop();
      await relay.close();
      // Replies already handed to a batch are committed (and their senders thanked) before the database closes.
      await replyCommits.idle();
      await storage.close();
      if (!options.markdown) await formatter.close();
    },
  };
}
