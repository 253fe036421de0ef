// `npm run bench:object-copies`: what copying a row costs in this Node, by how the copy is written.
// Node 20's V8 adds each field written after an object spread (`{ ...row, status, … }`) the slow
// way; `withFields` (src/lib/with-fields.ts) makes the same object with `Object.assign`. Prints
// the mean time per copy over ROWS distinct rows of nine string fields (a reply's authored
// columns), after a warm-up round, and the import's `importedRow` as it now is.
import { withFields } from '../src/lib/with-fields.js';
import { createEmailCipher } from '../src/lib/email-cipher.js';
import { checkImportedReply, importedRow } from '../src/modules/replies/reply-import.js';
import type { ImportedReplyInput } from '../src/modules/replies/index.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

const rows = Array.from({ length: ROWS }, (_, i) => ({
  article_id: i % 97,
  parent_id: i % 3 ? null : i - 1,
  author_name: `Reader ${i % 500}`,
  author_email: `gz1:key:${i.toString(36).padStart(40, 'x')}`,
  author_email_hash: i.toString(16).padStart(64, '0'),
  author_url: i % 5 ? '' : `https://reader${i}.example/`,
  body: `Comment ${i} about the harbour railway.`,
  body_fingerprint: i.toString(16).padStart(22, '0'),
  body_html: `<p>Comment ${i} about the harbour railway.</p>`,
}));
const three = { status: 'approved', created_at: '2026-12-07T00:00:00.000Z', ip: '203.0.113.9' };
const eleven = {
  ...three,
  user_agent: '',
  legacy_anchor: 'comment-1',
  moderation_reason: '',
  edited_at: null,
  staff_user_id: null,
  decision_status: null,
  decision_reason: '',
  decision_score: null,
};

const inputs: ImportedReplyInput[] = rows.map((r, i) => ({
  articleId: r.article_id,
  parentId: null,
  comment: r.body,
  author: r.author_name,
  email: `reader${i % 50_000}@mail.example`,
  url: r.author_url,
  status: 'approved',
  createdAt: new Date(1.7e12 + i * 1000),
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0',
  legacyAnchor: `comment-${i}`,
}));
const clean = inputs.map(checkImportedReply);
const cipher = createEmailCipher('bench-key-0123456789abcdef0123456789');
const secret = 'bench-secret-0123456789abcdef0123456789';

const ways: [string, (i: number) => unknown][] = [
  ['spread alone: { ...row }', (i) => ({ ...rows[i] })],
  ['spread, then 1 field', (i) => ({ ...rows[i], status: 'approved' })],
  ['spread, then 3 fields', (i) => ({ ...rows[i], status: three.status, created_at: three.created_at, ip: three.ip })],
  [
    // Written out, not `...eleven`: the fields after the spread are what is measured.
    'spread, then 11 fields (importedRow before)',
    (i) => ({
      ...rows[i],
      status: 'approved',
      created_at: three.created_at,
      ip: three.ip,
      user_agent: '',
      legacy_anchor: 'comment-1',
      moderation_reason: '',
      edited_at: null,
      staff_user_id: null,
      decision_status: null,
      decision_reason: '',
      decision_score: null,
    }),
  ],
  ['withFields(row, 3 fields)', (i) => withFields(rows[i]!, three)],
  ['withFields(row, 11 fields)', (i) => withFields(rows[i]!, eleven)],
  ['importedRow (seal, keyed hash, fingerprint, HTML, copy)', (i) => importedRow(clean[i]!, inputs[i]!, secret, cipher)],
];

function meanMicroseconds(copy: (i: number) => unknown): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < ROWS; i++) copy(i);
  return Number(process.hrtime.bigint() - started) / 1000 / ROWS;
}

for (const [, copy] of ways) meanMicroseconds(copy); // warm-up: every way compiled before it is timed
console.log(`\nCopying a row, Node ${process.version}, ${ROWS.toLocaleString('en')} rows each, mean per copy\n`);
console.log('| how | µs |\n|---|---:|');
for (const [name, copy] of ways) console.log(`| ${name} | ${meanMicroseconds(copy).toFixed(2)} |`);
