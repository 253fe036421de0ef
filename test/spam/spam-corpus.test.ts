import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDigest, CorpusFormatError, parseCorpus, readCorpusFiles, splitCorpus, splitOf } from '../../src/modules/spam/index.js';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'ham-0001', label: 'ham', kind: 'agree', comment: 'Fair point.', author: 'Mina', email: '', url: '', ...fields });

const dir = mkdtempSync(join(tmpdir(), 'gazette-spam-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spam corpus', () => {
  it('reads one reply per line and skips blank lines', () => {
    const replies = parseCorpus([line({}), '', line({ id: 'spam-0001', label: 'spam', kind: 'scam' }), ''].join('\n'), 'x.jsonl');
    expect(replies.map((reply) => [reply.id, reply.label, reply.kind])).toEqual([
      ['ham-0001', 'ham', 'agree'],
      ['spam-0001', 'spam', 'scam'],
    ]);
  });

  it('names the file and the line of a bad line', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"id": "ham-0002", ', /^ham\.jsonl line 2: not valid JSON/],
      ['[1, 2]', /^ham\.jsonl line 2: expected a JSON object/],
      [line({ label: 'maybe' }).replace('ham-0001', 'ham-0002'), /^ham\.jsonl line 2: "label" must be "spam" or "ham", not "maybe"/],
      [line({ id: 'ham-0002', comment: 42 }), /^ham\.jsonl line 2: "comment" must be a string/],
      [line({}), /^ham\.jsonl line 2: id "ham-0001" already used on line 1/],
    ];
    for (const [bad, message] of cases) {
      expect(() => parseCorpus(line({}) + '\n' + bad, 'ham.jsonl')).toThrow(CorpusFormatError);
      expect(() => parseCorpus(line({}) + '\n' + bad, 'ham.jsonl')).toThrow(message);
    }
  });

  it('names a missing file, and an id used in two files', () => {
    const first = join(dir, 'first.jsonl');
    const second = join(dir, 'second.jsonl');
    writeFileSync(first, line({}) + '\n');
    writeFileSync(second, line({}) + '\n');
    expect(() => readCorpusFiles([join(dir, 'absent.jsonl')])).toThrow(/absent\.jsonl: cannot be read \(ENOENT\)/);
    expect(() => readCorpusFiles([first, second])).toThrow(/second\.jsonl: id "ham-0001" is also used/);
  });

  it('splits by a hash of the id: the same everywhere, about 70/30, independent of order and neighbours', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => ({ id: `reply-${i}` }));
    const { train, test } = splitCorpus(ids);
    expect(train.length + test.length).toBe(2000);
    expect(train.length / 2000).toBeGreaterThan(0.66);
    expect(train.length / 2000).toBeLessThan(0.74);
    const reversed = splitCorpus([...ids].reverse());
    expect(new Set(reversed.test.map((r) => r.id))).toEqual(new Set(test.map((r) => r.id)));
    expect(splitCorpus(ids.slice(0, 10)).test).toEqual(test.filter((r) => ids.slice(0, 10).includes(r)));
    // Pinned: these must not move between machines or versions, or the test set would leak into training.
    expect(['ham-0001', 'ham-0002', 'spam-0001', 'spam-0002', 'spam-0003'].map(splitOf)).toEqual([
      'train',
      'train',
      'test',
      'test',
      'test',
    ]);
  });

  it('digests the content, so any change of a reply changes the digest', () => {
    const replies = parseCorpus(line({}), 'x.jsonl');
    const changed = parseCorpus(line({ comment: 'Fair point!' }), 'x.jsonl');
    expect(corpusDigest(replies)).toMatch(/^[0-9a-f]{64}$/);
    expect(corpusDigest(replies)).toBe(corpusDigest(parseCorpus(line({}), 'y.jsonl')));
    expect(corpusDigest(changed)).not.toBe(corpusDigest(replies));
  });
});
