import { describe, expect, it } from 'vitest';
import { progressLine, summaryText } from '../../src/cli/import-progress.js';

describe('import progress and summary', () => {
  it('shows how far through the file, the counts, the rate and the time left', () => {
    const line = progressLine({ bytesRead: 250, totalBytes: 1000, articles: 1200, replies: 10_800, elapsedMs: 30_000 });
    expect(line).toBe(' 25.0% · 1,200 articles · 10,800 replies · 400 items/s · time left: 1 min 30 s');
  });

  it('says it is estimating before a first percent is read', () => {
    expect(progressLine({ bytesRead: 0, totalBytes: 1000, articles: 0, replies: 0, elapsedMs: 10 })).toContain('time left: estimating');
  });

  it('lists imported, updated and unchanged counts and every reason with its count and examples', () => {
    const text = summaryText({
      source: 'wordpress',
      file: 'export.xml',
      imported: { articles: 3, replies: 9 },
      updated: {},
      unchanged: { members: 1 },
      adjusted: [{ reason: 'was private: kept as a draft, not public', count: 2, examples: ['post 4', 'post 5'] }],
      skipped: [{ reason: 'is a pingback', count: 1, examples: ['comment 8'] }],
      seconds: 1.5,
    });
    expect(text.split('\n')).toEqual([
      'Imported from wordpress (export.xml) in 1.5 s.',
      '  imported:  3 articles, 9 replies',
      '  updated:   nothing',
      '  unchanged: 1 members',
      '  kept with a change:',
      '    2 × was private: kept as a draft, not public (e.g. post 4; post 5)',
      '  skipped:',
      '    1 × is a pingback (e.g. comment 8)',
    ]);
  });
});
