/*
 * The labelled replies the shipped model is trained and measured on (corpus/replies/*.jsonl, one
 * JSON object a line), and the split into training and test sets. The split hashes each reply's
 * `id`, so it is the same on every machine and a reply keeps its side when others are added.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SpamCandidate } from './spam-features.js';
import type { SpamLabel } from './spam-model.js';

/** One labelled reply of the corpus. */
export interface CorpusReply extends SpamCandidate {
  id: string;
  label: SpamLabel;
  /** A short sub-kind (`scam`, `link-spam`, `agree` …), for error reports by kind. */
  kind: string;
}

/** A corpus file or line that cannot be read; the message names the file and the line. */
export class CorpusFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusFormatError';
  }
}

const textFields = ['id', 'kind', 'comment', 'author', 'email', 'url'] as const;

/** One line checked and typed; throws `CorpusFormatError` with `where` (file:line) in the message. */
function parseLine(line: string, where: string): CorpusReply {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new CorpusFormatError(`${where}: not valid JSON (${(error as Error).message}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorpusFormatError(`${where}: expected a JSON object.`);
  }
  const record = value as Record<string, unknown>;
  for (const field of textFields) {
    if (typeof record[field] !== 'string') throw new CorpusFormatError(`${where}: "${field}" must be a string.`);
  }
  if (record.label !== 'spam' && record.label !== 'ham') {
    throw new CorpusFormatError(`${where}: "label" must be "spam" or "ham", not ${JSON.stringify(record.label)}.`);
  }
  if (record.id === '') throw new CorpusFormatError(`${where}: "id" is empty.`);
  return {
    id: record.id as string,
    label: record.label,
    kind: record.kind as string,
    comment: record.comment as string,
    author: record.author as string,
    email: record.email as string,
    url: record.url as string,
  };
}

/**
 * Replies from the text of a JSON Lines file; `fileName` is used in messages only. Blank lines are
 * skipped; a bad line or a repeated id throws `CorpusFormatError` naming the file and line.
 */
export function parseCorpus(text: string, fileName: string): CorpusReply[] {
  const replies: CorpusReply[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${fileName} line ${index + 1}`;
    const reply = parseLine(line, where);
    const earlier = seen.get(reply.id);
    if (earlier !== undefined) throw new CorpusFormatError(`${where}: id "${reply.id}" already used on line ${earlier}.`);
    seen.set(reply.id, index + 1);
    replies.push(reply);
  });
  return replies;
}

/** Replies of several corpus files, in the order given; a missing file is an error naming it. */
export function readCorpusFiles(paths: readonly string[]): CorpusReply[] {
  const all: CorpusReply[] = [];
  const ids = new Set<string>();
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new CorpusFormatError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
    for (const reply of parseCorpus(text, path)) {
      if (ids.has(reply.id)) throw new CorpusFormatError(`${path}: id "${reply.id}" is also used in another corpus file.`);
      ids.add(reply.id);
      all.push(reply);
    }
  }
  return all;
}

/** A number 0–9999 from the id alone (SHA-256), the same everywhere. */
export function idBucket(id: string, salt = ''): number {
  return (
    createHash('sha256')
      .update(salt + id)
      .digest()
      .readUInt32BE(0) % 10_000
  );
}

/** Share of the corpus used for training; the rest is the test set, never seen while training or tuning. */
export const trainShare = 0.7;

/** Which side of the split a reply is on: 70% train, 30% test, by a hash of its id. */
export function splitOf(id: string): 'train' | 'test' {
  return idBucket(id) < trainShare * 10_000 ? 'train' : 'test';
}

/** The corpus split into training and test replies, each in corpus order. */
export function splitCorpus<T extends { id: string }>(replies: readonly T[]): { train: T[]; test: T[] } {
  const train: T[] = [];
  const test: T[] = [];
  for (const reply of replies) (splitOf(reply.id) === 'train' ? train : test).push(reply);
  return { train, test };
}

/** A digest of the replies' content (SHA-256, hex), recorded in the model so its training data is known. */
export function corpusDigest(replies: readonly CorpusReply[]): string {
  const hash = createHash('sha256');
  for (const reply of replies) {
    hash.update(JSON.stringify([reply.id, reply.label, reply.kind, reply.comment, reply.author, reply.email, reply.url]));
    hash.update('\n');
  }
  return hash.digest('hex');
}
