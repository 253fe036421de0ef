/*
 * The model Gazette ships (`models/spam-model.json`, written by `npm run spam:model`): the counts,
 * the decision threshold chosen on the training data, and where they came from (corpus digest and
 * sizes). The text is written by hand, one feature a line, so a retrained model diffs readably and
 * the same corpus always gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../lib/project-root.js';
import { SpamModel, SpamModelFormatError, type SpamModelJson } from './spam-model.js';

/** Where the training data of a shipped model came from, and how it was built. */
export interface SpamModelProvenance {
  /** SHA-256 of the whole corpus (both labels, both sides of the split). */
  corpusDigest: string;
  /** Replies per side of the split and per label. */
  sizes: { train: number; test: number; spam: number; ham: number };
  /** Features seen fewer times than this in training were dropped. */
  minimumFeatureCount: number;
  /** What the threshold gave under cross-validation on the training set. */
  crossValidation: { folds: number; precision: number; recall: number };
}

/** A shipped model: the counts, the threshold at or above which a reply is called spam, and its provenance. */
export interface ShippedSpamModel {
  model: SpamModel;
  threshold: number;
  provenance: SpamModelProvenance;
}

/** The shipped model's path inside the installation. */
export function shippedSpamModelPath(): string {
  return join(projectRoot(import.meta.url), 'models', 'spam-model.json');
}

/** The file's text: fixed key order, one feature per line, a final newline. */
export function formatShippedModel(shipped: { model: SpamModel; threshold: number; provenance: SpamModelProvenance }): string {
  const json = shipped.model.toJSON();
  const header = {
    format: 'gazette-spam-classifier',
    version: 1,
    threshold: shipped.threshold,
    provenance: shipped.provenance,
  };
  const entries = Object.entries(json.features).map(([feature, counts]) => `    ${JSON.stringify(feature)}: ${JSON.stringify(counts)}`);
  const model = [
    '  "model": {',
    `    "format": ${JSON.stringify(json.format)}, "version": ${json.version}, "documents": ${JSON.stringify(json.documents)},`,
    '    "features": {',
    entries.map((line) => '  ' + line).join(',\n'),
    '    }',
    '  }',
  ].join('\n');
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, ',\n');
  return head + model + '\n}\n';
}

/** Reads a shipped model from its text; throws `SpamModelFormatError` naming the file and the problem. */
export function parseShippedModel(text: string, fileName: string): ShippedSpamModel {
  try {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SpamModelFormatError(`not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SpamModelFormatError('expected a JSON object');
    const file = value as Record<string, unknown>;
    if (file.format !== 'gazette-spam-classifier') throw new SpamModelFormatError('the "format" field is not "gazette-spam-classifier"');
    if (file.version !== 1)
      throw new SpamModelFormatError(`version ${JSON.stringify(file.version)} is not supported (this Gazette reads version 1)`);
    const threshold = file.threshold;
    if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
      throw new SpamModelFormatError('"threshold" must be a number between 0 and 1');
    }
    if (typeof file.provenance !== 'object' || file.provenance === null) throw new SpamModelFormatError('"provenance" is missing');
    const model = SpamModel.fromJSON(file.model as SpamModelJson);
    return { model, threshold, provenance: file.provenance as SpamModelProvenance };
  } catch (error) {
    if (error instanceof SpamModelFormatError) {
      throw new SpamModelFormatError(`${fileName}: ${error.message.replace(/^Not a usable spam model: /, '').replace(/\.$/, '')}`);
    }
    throw error;
  }
}

/** Reads the shipped model from disk (by default `models/spam-model.json`); a missing or corrupt file gives a clear message. */
export function readShippedModel(path: string = shippedSpamModelPath()): ShippedSpamModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SpamModelFormatError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseShippedModel(text, path);
}
