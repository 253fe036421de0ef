/** Where a subscription stands: waiting for its confirmation, sending, or ended (unsubscribed). */
export type SubscriptionStatus = 'pending' | 'active' | 'ended';

/** What a subscriber hears of: answers to their own reply, or every new reply on the article. */
export type SubscriptionScope = 'answers' | 'article';

/** How a newsroom member hears of held replies: a mail each, a daily digest, or not at all. */
export type HeldReplyMail = 'each' | 'daily' | 'off';

/** The choices, in the order the newsroom lists them. */
export const heldReplyMailChoices: readonly HeldReplyMail[] = ['each', 'daily', 'off'];

/** What a member hears when they never chose: a mail per held reply, so nothing waits unseen. */
export const defaultHeldReplyMail: HeldReplyMail = 'each';

/** Whether a value names a held-reply mail choice. */
export function isHeldReplyMail(value: unknown): value is HeldReplyMail {
  return typeof value === 'string' && (heldReplyMailChoices as readonly string[]).includes(value);
}

/** Whether a value names a subscription scope. */
export function isSubscriptionScope(value: unknown): value is SubscriptionScope {
  return value === 'answers' || value === 'article';
}

/** How long a confirmation link works: long enough for a slow inbox, short enough that an old mail is harmless. */
export const CONFIRM_LINK_LIFETIME_MS = 7 * 24 * 3600_000;

/** The names of the notify module's jobs. */
export const notifyJobs = Object.freeze({
  /** Mails the double opt-in link of one subscription. */
  confirm: 'notify.confirm',
  /** A reply was approved: finds who should hear of it and queues one mail each. */
  approved: 'notify.reply-approved',
  /** Mails one subscriber about one reply. */
  answer: 'notify.answer',
  /** A reply was held: queues a mail for each member who wants one per held reply. */
  held: 'notify.reply-held',
  /** Mails one member about one held reply. */
  heldMail: 'notify.held-mail',
  /** The day's digest of held replies: queues one mail per member who chose the digest. */
  digest: 'notify.held-digest',
  /** Mails one member their digest. */
  digestMail: 'notify.held-digest-mail',
});
