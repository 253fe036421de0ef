/*
 * The learning part of the spam filter: per feature, in how many spam and ham replies it was seen
 * (weighted), and nothing else. Counts add and subtract, so learning a moderator's decision,
 * reversing it, or summing what several nodes learnt are all exact and cost one pass over the
 * reply's features. Scoring combines the per-feature evidence the way SpamBayes does (Robinson's
 * smoothed probabilities, Fisher's chi-square combination): see CONTEXT.md for why.
 */
import { chiSquareSurvival } from './spam-math.js';

/** A reply's class, as a moderator sees it. */
export type SpamLabel = 'spam' | 'ham';

/** One feature's pull on a verdict: positive towards spam, negative towards ham (log-odds). */
export interface SpamSignal {
  feature: string;
  weight: number;
}

/** The model's verdict on a reply. */
export interface SpamScore {
  /** Spam probability, 0 (surely ham) to 1 (surely spam); 0.5 when the model knows nothing. */
  score: number;
  /** The strongest features behind it, both directions, strongest first. */
  signals: SpamSignal[];
}

/** The model's size: documents learnt per label (weighted) and distinct features known. */
export interface SpamModelStats {
  documents: { spam: number; ham: number };
  features: number;
}

/** The JSON form of a model (`SpamModel.toJSON`), versioned so an old file is refused clearly. */
export interface SpamModelJson {
  format: 'gazette-spam-model';
  version: 1;
  documents: { spam: number; ham: number };
  /** Feature → [spam count, ham count], keys sorted so equal models give equal files. */
  features: Record<string, [number, number]>;
}

/** Robinson's prior: how strongly an unseen feature is held at 0.5 (s), in documents. */
const priorStrength = 0.45;
/** Features nearer 0.5 than this say too little to count (SpamBayes' minimum probability strength). */
const minimumStrength = 0.1;
/** At most this many of the strongest features are combined; more would let long texts swamp short ones. */
const maxCombined = 150;
/** Probabilities are kept this far from 0 and 1, so a logarithm never meets zero. */
const clampEpsilon = 1e-6;

/** Counts below this are rounding left by unlearning fractional weights, and are dropped. */
const zero = 1e-9;

/** Throws when a weight cannot be used: learning by NaN or a negative weight would corrupt every count it touches. */
function checkWeight(weight: number): void {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    throw new RangeError(`A learning weight must be a positive finite number, not ${String(weight)}.`);
  }
}

/**
 * Up to `count` signals, strongest first, half of them (when there are enough) from each direction:
 * a moderator should see what spoke for the reply as well as what spoke against it.
 */
function strongestBothWays(clues: ReadonlyArray<{ feature: string; probability: number }>, count: number): SpamSignal[] {
  const signal = ({ feature, probability }: { feature: string; probability: number }): SpamSignal => {
    const p = Math.min(1 - clampEpsilon, Math.max(clampEpsilon, probability));
    return { feature, weight: Math.round(Math.log(p / (1 - p)) * 1000) / 1000 };
  };
  const spammy = clues.filter((clue) => clue.probability > 0.5);
  const hammy = clues.filter((clue) => clue.probability < 0.5);
  const half = Math.ceil(count / 2);
  const takeSpam = Math.min(spammy.length, Math.max(half, count - hammy.length));
  const takeHam = Math.min(hammy.length, count - takeSpam);
  return [...spammy.slice(0, takeSpam), ...hammy.slice(0, takeHam)]
    .map(signal)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || (a.feature < b.feature ? -1 : 1));
}

/** A naive Bayes spam model over feature names, with counts that can be added to and taken from. */
export class SpamModel {
  private readonly counts = new Map<string, [number, number]>();
  private spamDocuments = 0;
  private hamDocuments = 0;

  /** Counts one reply's features as `label`, `weight` times (a moderator's decision may count as several replies). */
  learn(features: readonly string[], label: SpamLabel, weight = 1): void {
    checkWeight(weight);
    this.add(features, label, weight);
  }

  /** Takes back a reply learnt with the same label and weight (a moderator reversing a decision). */
  unlearn(features: readonly string[], label: SpamLabel, weight = 1): void {
    checkWeight(weight);
    this.add(features, label, -weight);
  }

  private add(features: readonly string[], label: SpamLabel, signedWeight: number): void {
    const index = label === 'spam' ? 0 : 1;
    if (label === 'spam') this.spamDocuments = Math.max(0, this.spamDocuments + signedWeight);
    else this.hamDocuments = Math.max(0, this.hamDocuments + signedWeight);
    for (const feature of new Set(features)) {
      let entry = this.counts.get(feature);
      if (!entry) {
        if (signedWeight < 0) continue;
        entry = [0, 0];
        this.counts.set(feature, entry);
      }
      entry[index] = Math.max(0, entry[index] + signedWeight);
      if (entry[index] < zero) entry[index] = 0;
      if (entry[0] === 0 && entry[1] === 0) this.counts.delete(feature);
    }
  }

  /** Robinson's probability that a reply holding `feature` is spam, or undefined for an unknown feature. */
  private featureProbability(feature: string): number | undefined {
    const entry = this.counts.get(feature);
    if (!entry) return undefined;
    const [spam, ham] = entry;
    const spamRatio = spam / Math.max(this.spamDocuments, 1);
    const hamRatio = ham / Math.max(this.hamDocuments, 1);
    const raw = spamRatio + hamRatio === 0 ? 0.5 : spamRatio / (spamRatio + hamRatio);
    const seen = spam + ham;
    return (priorStrength * 0.5 + seen * raw) / (priorStrength + seen);
  }

  /** Scores a reply's features: a spam probability and the `signalCount` features that weighed most, both ways. */
  score(features: readonly string[], signalCount = 8): SpamScore {
    const clues: { feature: string; probability: number; strength: number }[] = [];
    for (const feature of new Set(features)) {
      const probability = this.featureProbability(feature);
      if (probability === undefined) continue;
      const strength = Math.abs(probability - 0.5);
      if (strength >= minimumStrength) clues.push({ feature, probability, strength });
    }
    // Strongest first; ties broken by name so the verdict does not depend on feature order.
    clues.sort((a, b) => b.strength - a.strength || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
    const used = clues.slice(0, maxCombined);
    if (used.length === 0) return { score: 0.5, signals: [] };
    let spamLogs = 0;
    let hamLogs = 0;
    for (const { probability } of used) {
      const p = Math.min(1 - clampEpsilon, Math.max(clampEpsilon, probability));
      spamLogs += Math.log(1 - p);
      hamLogs += Math.log(p);
    }
    // Fisher: how unlikely these probabilities are if the features were random, towards each side.
    const spamEvidence = 1 - chiSquareSurvival(-2 * spamLogs, 2 * used.length);
    const hamEvidence = 1 - chiSquareSurvival(-2 * hamLogs, 2 * used.length);
    const score = (1 + spamEvidence - hamEvidence) / 2;
    return { score: Math.min(1, Math.max(0, score)), signals: strongestBothWays(used, signalCount) };
  }

  /** Documents learnt per label (weighted) and distinct features known. */
  stats(): SpamModelStats {
    return { documents: { spam: this.spamDocuments, ham: this.hamDocuments }, features: this.counts.size };
  }

  /** A copy keeping only features seen (weighted) at least `minimumCount` times: a smaller file, little lost. */
  pruned(minimumCount: number): SpamModel {
    const copy = new SpamModel();
    copy.spamDocuments = this.spamDocuments;
    copy.hamDocuments = this.hamDocuments;
    for (const [feature, [spam, ham]] of this.counts) {
      if (spam + ham >= minimumCount) copy.counts.set(feature, [spam, ham]);
    }
    return copy;
  }

  /** The model as plain JSON, features in sorted order (same counts, same text). */
  toJSON(): SpamModelJson {
    // fromEntries defines own properties, so even a feature named `__proto__` stays data.
    const features: Record<string, [number, number]> = Object.fromEntries(
      [...this.counts.keys()].sort().map((feature) => {
        const [spam, ham] = this.counts.get(feature)!;
        return [feature, [spam, ham]];
      }),
    );
    return {
      format: 'gazette-spam-model',
      version: 1,
      documents: { spam: this.spamDocuments, ham: this.hamDocuments },
      features,
    };
  }

  /** A model from its JSON form; throws `SpamModelFormatError` naming what is wrong with a bad one. */
  static fromJSON(value: unknown): SpamModel {
    const json = validModelJson(value);
    const model = new SpamModel();
    model.spamDocuments = json.documents.spam;
    model.hamDocuments = json.documents.ham;
    for (const [feature, [spam, ham]] of Object.entries(json.features)) {
      if (spam > 0 || ham > 0) model.counts.set(feature, [spam, ham]);
    }
    return model;
  }
}

/** A model file or value that cannot be read as a spam model; the message says what is wrong. */
export class SpamModelFormatError extends Error {
  constructor(problem: string) {
    super(`Not a usable spam model: ${problem}.`);
    this.name = 'SpamModelFormatError';
  }
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The value checked field by field against `SpamModelJson`, so a corrupt file fails here and not while scoring. */
function validModelJson(value: unknown): SpamModelJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SpamModelFormatError('expected a JSON object');
  const json = value as Record<string, unknown>;
  if (json.format !== 'gazette-spam-model') throw new SpamModelFormatError('the "format" field is not "gazette-spam-model"');
  if (json.version !== 1)
    throw new SpamModelFormatError(`version ${JSON.stringify(json.version)} is not supported (this Gazette reads version 1)`);
  const documents = json.documents as Record<string, unknown> | null | undefined;
  if (typeof documents !== 'object' || documents === null || !isCount(documents.spam) || !isCount(documents.ham)) {
    throw new SpamModelFormatError('"documents" must hold non-negative numbers "spam" and "ham"');
  }
  const features = json.features;
  if (typeof features !== 'object' || features === null || Array.isArray(features)) {
    throw new SpamModelFormatError('"features" must be an object');
  }
  for (const [feature, counts] of Object.entries(features)) {
    if (!Array.isArray(counts) || counts.length !== 2 || !isCount(counts[0]) || !isCount(counts[1])) {
      throw new SpamModelFormatError(`feature ${JSON.stringify(feature.slice(0, 80))} must have two non-negative counts [spam, ham]`);
    }
  }
  return json as unknown as SpamModelJson;
}
