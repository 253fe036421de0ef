import type { Generated } from 'kysely';
import type { HeldReplyMail, SubscriptionScope, SubscriptionStatus } from './notify.js';

/**
 * A reader's wish to hear of follow-up replies, made with one reply (see this module's CONTEXT.md).
 * No address here: mails read it from the reply (`replies.authorAddressOf`) when they go out.
 */
export interface NotifySubscriptionsTable {
  id: Generated<number>;
  /** The reply whose author ticked the box. */
  reply_id: number;
  article_id: number;
  /** The author's keyed email hash (as `replies.author_email_hash`): how one address's subscriptions are found. */
  email_hash: string;
  scope: Generated<SubscriptionScope>;
  status: SubscriptionStatus;
  created_at: string;
  confirmed_at: string | null;
  ended_at: string | null;
}

/** How a newsroom member hears of held replies (no row: the default). */
export interface NotifyMemberSettingsTable {
  user_id: number;
  held_replies: HeldReplyMail;
}
