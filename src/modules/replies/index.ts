export type {
  BotSignals,
  CleanReplyInput,
  FormTokenStatus,
  ImportedReplyInput,
  ReaderRules,
  Reply,
  ReplyCandidate,
  ReplyCursor,
  ReplyDecision,
  ReplyInput,
  ReplyJudge,
  ReplyStatus,
  Sender,
  StaffAuthor,
} from './replies.js';
export { cleanStaffText, linkableWebsite, replyLimits, staffLookalikeReason, validateReplyInput } from './replies.js';
export {
  createRepliesService,
  type CommenterEmails,
  type RepliesService,
  type ReplyListItem,
  type SiteReplyItem,
} from './replies.service.js';
export type { PostedReply, ReaderModeration, ReplyArticleLookup, ReplyWriter } from './reply-writer.js';
export { publishStatusChanged, type ChangeReplyStatus, type ModerationLearner } from './reply-status.js';
export {
  buildThreads,
  pageOfThreads,
  threadPage,
  presentReply,
  replyHtml,
  formatReplyDate,
  type ReplyView,
  type ThreadPage,
} from './replies.present.js';
export { renderReplyText } from './reply-text.js';
export type { ReplyRow, NewReplyRow, RepliesTable, UsedFormTokensTable } from './replies.table.js';
export { combineFollowUps, findReplyWithin, type PostedReplyFacts, type ReplyFollowUps, type ReplyMove } from './reply-follow-ups.js';
