// `npm run bench:spam`: the shipped spam model (models/spam-model.json) measured on the TEST side of
// the corpus, which neither training nor the threshold choice saw: confusion matrix, precision,
// recall, F1, errors by kind, and what scoring one reply costs (features + model), including a
// 65,000-character reply. Prints Markdown tables for docs/benchmarks.md.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/lib/project-root.js';
import {
  chooseThreshold,
  confusionAt,
  crossValidatedScores,
  rates,
  readCorpusFiles,
  readShippedModel,
  shippedSpamModelPath,
  spamFeatures,
  splitCorpus,
  trainModel,
  type SpamCandidate,
} from '../src/modules/spam/index.js';

const root = projectRoot(import.meta.url);
const corpus = readCorpusFiles(['ham', 'spam'].map((label) => join(root, 'corpus', 'replies', `${label}.jsonl`)));
const { test } = splitCorpus(corpus);
const { model, threshold, provenance } = readShippedModel();

const scored = test.map((reply) => ({ ...reply, score: model.score(spamFeatures(reply)).score }));
const confusion = confusionAt(scored, threshold);
const { precision, recall, f1 } = rates(confusion);

console.log(`test split: ${test.length} replies (${test.filter((r) => r.label === 'spam').length} spam), threshold ${threshold}\n`);
console.log('| | called spam | called ham |\n|---|---:|---:|');
console.log(`| spam | ${confusion.truePositive} | ${confusion.falseNegative} |`);
console.log(`| ham | ${confusion.falsePositive} | ${confusion.trueNegative} |\n`);
console.log(`precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}`);
console.log(
  `(cross-validation on train when built: precision ${provenance.crossValidation.precision}, recall ${provenance.crossValidation.recall})\n`,
);

const byKind = new Map<string, { label: string; total: number; wrong: number }>();
for (const reply of scored) {
  const key = `${reply.label}/${reply.kind}`;
  const entry = byKind.get(key) ?? { label: reply.label, total: 0, wrong: 0 };
  entry.total += 1;
  if (reply.score >= threshold !== (reply.label === 'spam')) entry.wrong += 1;
  byKind.set(key, entry);
}
console.log('| label/kind | test replies | misclassified |\n|---|---:|---:|');
for (const [key, { total, wrong }] of [...byKind].sort()) if (wrong > 0) console.log(`| ${key} | ${total} | ${wrong} |`);
console.log(`(kinds with no error left out: ${[...byKind].filter(([, e]) => e.wrong === 0).length})\n`);

/** Microseconds per scoring of `reply` (features and model), one timing per run, sorted. */
function timings(reply: SpamCandidate, runs: number): number[] {
  for (let i = 0; i < 50; i++) model.score(spamFeatures(reply));
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    model.score(spamFeatures(reply));
    out.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return out.sort((a, b) => a - b);
}
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const everyReply: number[] = [];
for (let round = 0; round < 20; round++) for (const reply of test) everyReply.push(...timings(reply, 1));
everyReply.sort((a, b) => a - b);
const hugeLatin = 'Great article. Visit https://cheap-pills.example/buy now!!! '.repeat(1100).slice(0, 65_000);
const hugeHan = Array.from({ length: 65_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20_000))).join('');
const cases: Array<[string, number[]]> = [
  [`corpus test replies (each 20 times, ${everyReply.length} runs)`, everyReply],
  ['65,000-character reply, Latin with links', timings({ comment: hugeLatin, author: 'A', email: '', url: '' }, 2000)],
  ['65,000-character reply, Han characters', timings({ comment: hugeHan, author: 'A', email: '', url: '' }, 2000)],
  [
    '65,000 characters of `$1,000 ` (many tiny tokens)',
    timings({ comment: '$1,000 '.repeat(9300), author: 'A', email: '', url: '' }, 2000),
  ],
  [
    '65,000 emoji code units, 1,000-char name and e-mail',
    timings({ comment: '😀'.repeat(32_500), author: 'A'.repeat(1000), email: 'a'.repeat(1000) + '@b.example', url: '' }, 2000),
  ],
];
console.log('| scoring one reply (features + model) | median µs | p99 µs | max µs |\n|---|---:|---:|---:|');
for (const [name, sorted] of cases) {
  console.log(`| ${name} | ${at(sorted, 0.5).toFixed(0)} | ${at(sorted, 0.99).toFixed(0)} | ${sorted[sorted.length - 1]!.toFixed(0)} |`);
}
const stats = model.stats();
console.log(`\nmodel: ${(statSync(shippedSpamModelPath()).size / 1024).toFixed(0)} KiB on disk, ${stats.features} features`);

// Short, plain replies readers write: the false alarms the first shipped model raised (0.55–0.60).
const plain = [
  'Great article, thanks!',
  'Nice post',
  'Hello world',
  'First reply',
  'Thanks for this.',
  'A thoughtful reply number 1.',
  '👍👍👍',
];
const plainScores = plain.map((comment) => model.score(spamFeatures({ comment, author: 'Reader', email: '', url: '' })).score);
console.log(
  `\nshort plain replies: scores ${Math.min(...plainScores).toFixed(2)}–${Math.max(...plainScores).toFixed(2)} (threshold ${threshold})`,
);

// The same procedure on the comment text alone (name, e-mail and website blanked): the figures must
// not rest on how our corpus writers filled those fields. Same split, same threshold rule as spam:model.
const textOnly = (replies: typeof corpus) => replies.map((r) => ({ ...r, author: '', email: '', url: '' }));
const blanked = splitCorpus(textOnly(corpus));
const blankThreshold = chooseThreshold(crossValidatedScores(blanked.train, 5, 2), 0.98, 0.95);
const blankModel = trainModel(blanked.train, 2);
const blankConfusion = confusionAt(
  blanked.test.map((r) => ({ label: r.label, score: blankModel.score(spamFeatures(r)).score })),
  blankThreshold,
);
const blankRates = rates(blankConfusion);
console.log(
  `comment text only: threshold ${blankThreshold}, precision ${blankRates.precision.toFixed(3)}, recall ${blankRates.recall.toFixed(3)} ` +
    `(${blankConfusion.truePositive} spam caught, ${blankConfusion.falseNegative} missed, ${blankConfusion.falsePositive} false alarms)`,
);
