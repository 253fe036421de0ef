export type {
  BotSignals,
  CleanReplyInput,
  FormTokenStatus,
  ImportedReplyInput,
  ReaderModeration,
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
export { createRepliesService, type RepliesService, type ReplyListItem, type SiteReplyItem } from './replies.service.js';
export type { ReplyArticleLookup, ReplyWriter } from './reply-writer.js';
export { publishStatusChanged, type ChangeReplyStatus, type ModerationLearner } from './reply-status.js';
export { buildThreads, pageOfThreads, presentReply, formatReplyDate, type ReplyView, type ThreadPage } from './replies.present.js';
export { renderReplyText } from './reply-text.js';
export type { ReplyRow, NewReplyRow, RepliesTable, UsedFormTokensTable } from './replies.table.js';
