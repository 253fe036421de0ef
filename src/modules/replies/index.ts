export type { Reply, ReplyCursor, ReplyStatus, ReplyInput, Sender } from './replies.js';
export { linkableWebsite, replyLimits, validateReplyInput } from './replies.js';
export { createRepliesService, type RepliesService, type ReplyListItem, type ReplyArticleLookup } from './replies.service.js';
export { buildThreads, pageOfThreads, presentReply, formatReplyDate, type ReplyView, type ThreadPage } from './replies.present.js';
export { decideReplyStatus, findListedWord, countLinks } from './reply-moderation.js';
export { renderReplyText } from './reply-text.js';
export {
  createModerationDesk,
  type ModerationDesk,
  type DeskAction,
  type DeskActor,
  type DeskDetail,
  type DeskListItem,
  type DeskReply,
} from './desk.service.js';
