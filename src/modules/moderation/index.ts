export {
  WORD_LIST_LIMIT,
  defaultDiscussionSettings,
  discussionRanges,
  normaliseDiscussionSettings,
  type DiscussionSettings,
  type RangedSetting,
} from './discussion-settings.js';
export { createDiscussionSettingsService, type DiscussionSettingsService } from './discussion-settings.service.js';
export { countLinks, decideReplyStatus, findListedWord, rulesJudge, type RuleDecision } from './reply-moderation.js';
export { createReaderModeration } from './reader-moderation.js';
export { botJudge, combineJudges, decideBotSignals, FORM_TOKEN_LIFETIME_MS, honeypotReason, MIN_SECONDS_TO_POST } from './bot-judge.js';
export {
  createModerationDesk,
  EMPTY_SPAM_DAYS,
  type ModerationDesk,
  type DeskAction,
  type DeskActor,
  type DeskDetail,
  type DeskListItem,
  type DeskReply,
} from './desk.service.js';
/** The judge interface and its verdict are declared by the reply writer that consumes them (habit 9). */
export type { ReplyCandidate, ReplyDecision as Decision, ReplyJudge } from '../replies/index.js';
