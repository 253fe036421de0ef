/*
 * Measuring a spam model: confusion counts, precision and recall, choosing the decision threshold,
 * and cross-validation on the training set (the threshold is tuned there, never on the test set).
 */
import { idBucket } from './spam-corpus.js';
import { spamFeatures, type SpamCandidate } from './spam-features.js';
import { SpamModel, type SpamLabel } from './spam-model.js';

/** A reply to train on or score, with its true label. */
export type LabelledReply = SpamCandidate & { id: string; label: SpamLabel };

/** Counts of a binary verdict against the truth, spam being the positive class. */
export interface Confusion {
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
}

/** Precision, recall and F1 of a confusion matrix (precision 1 when nothing was called spam). */
export function rates(confusion: Confusion): { precision: number; recall: number; f1: number } {
  const { truePositive: tp, falsePositive: fp, falseNegative: fn } = confusion;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The confusion matrix of `scored` replies at `threshold` (a score at or above it is spam). */
export function confusionAt(scored: ReadonlyArray<{ label: SpamLabel; score: number }>, threshold: number): Confusion {
  const confusion: Confusion = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 };
  for (const { label, score } of scored) {
    const spam = score >= threshold;
    if (label === 'spam') confusion[spam ? 'truePositive' : 'falseNegative'] += 1;
    else confusion[spam ? 'falsePositive' : 'trueNegative'] += 1;
  }
  return confusion;
}

/** A model trained on `replies`, keeping features seen at least `minimumCount` times. */
export function trainModel(replies: readonly LabelledReply[], minimumCount: number): SpamModel {
  const model = new SpamModel();
  for (const reply of replies) model.learn(spamFeatures(reply), reply.label);
  return minimumCount > 1 ? model.pruned(minimumCount) : model;
}

/**
 * Out-of-fold scores for every training reply: `folds` models, each trained without one fold (by a
 * hash of the id, salted apart from the train/test split) and scoring that fold.
 */
export function crossValidatedScores(
  replies: readonly LabelledReply[],
  folds: number,
  minimumCount: number,
): Array<{ id: string; label: SpamLabel; score: number }> {
  const foldOf = (id: string) => idBucket(id, 'fold:') % folds;
  const scored: Array<{ id: string; label: SpamLabel; score: number }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = trainModel(
      replies.filter((reply) => foldOf(reply.id) !== fold),
      minimumCount,
    );
    for (const reply of replies) {
      if (foldOf(reply.id) === fold) scored.push({ id: reply.id, label: reply.label, score: model.score(spamFeatures(reply)).score });
    }
  }
  return scored;
}

/**
 * The threshold (on a 0.01 grid) for a model that will meet replies unlike its corpus: the highest
 * one that still catches `minimumRecall` of the spam with precision at least `minimumPrecision`.
 * Scores on unseen writing drift towards the middle, and a false alarm costs a reader more than a
 * missed spam costs a moderator, so the spare recall is spent on distance from the ham. When no
 * threshold meets both, the one with most recall at that precision; when none meets the precision,
 * the one with the best precision-weighted F (β = 0.5).
 */
export function chooseThreshold(
  scored: ReadonlyArray<{ label: SpamLabel; score: number }>,
  minimumPrecision: number,
  minimumRecall = 1,
): number {
  let highest: number | undefined;
  let best: { threshold: number; recall: number } | undefined;
  let fallback = { threshold: 0.5, f: -1 };
  for (let step = 1; step <= 99; step++) {
    const threshold = step / 100;
    const { precision, recall } = rates(confusionAt(scored, threshold));
    if (precision >= minimumPrecision && recall >= minimumRecall) highest = threshold;
    if (precision >= minimumPrecision && (!best || recall > best.recall)) best = { threshold, recall };
    const f = precision + recall === 0 ? 0 : (1.25 * precision * recall) / (0.25 * precision + recall);
    if (f > fallback.f) fallback = { threshold, f };
  }
  return highest ?? best?.threshold ?? fallback.threshold;
}
