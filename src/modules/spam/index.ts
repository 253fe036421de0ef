/**
 * The spam filter's public API (issue 10): features of a reply, the learning model, the shipped
 * model file, and the corpus tools the build script and the benchmark use. Pure: no database, no web.
 */
export { spamFeatures, analysedChars, maxTextFeatures, type SpamCandidate } from './spam-features.js';
export {
  SpamModel,
  SpamModelFormatError,
  type SpamLabel,
  type SpamScore,
  type SpamSignal,
  type SpamModelStats,
  type SpamModelJson,
} from './spam-model.js';
export {
  readShippedModel,
  parseShippedModel,
  formatShippedModel,
  shippedSpamModelPath,
  type ShippedSpamModel,
  type SpamModelProvenance,
} from './spam-model-file.js';
export {
  parseCorpus,
  readCorpusFiles,
  splitCorpus,
  splitOf,
  corpusDigest,
  trainShare,
  CorpusFormatError,
  type CorpusReply,
} from './spam-corpus.js';
export {
  rates,
  confusionAt,
  trainModel,
  crossValidatedScores,
  chooseThreshold,
  type Confusion,
  type LabelledReply,
} from './spam-evaluation.js';
export {
  createSpamFilter,
  MODERATOR_LESSON_WEIGHT,
  type SpamFilter,
  type SpamFilterDeps,
  type SpamVerdict,
  type ModeratorMove,
} from './spam-filter.js';
