export {
  CONFIRM_LINK_LIFETIME_MS,
  defaultHeldReplyMail,
  heldReplyMailChoices,
  isHeldReplyMail,
  isSubscriptionScope,
  notifyJobs,
  type HeldReplyMail,
  type SubscriptionScope,
  type SubscriptionStatus,
} from './notify.js';
export {
  createNotifyService,
  type ConfirmationView,
  type Moderator,
  type NotifyDeps,
  type NotifyLinks,
  type NotifyService,
} from './notify.service.js';
export type { NotifyMemberSettingsTable, NotifySubscriptionsTable } from './notify.table.js';
