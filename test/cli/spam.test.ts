import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gazetteCommand } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-spam-'));
const env = { DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent', SITE_SECRET: 'gazette-test-site-secret-0123456789abcdef' };

/* `gazette spam score|train|stats`: the site's filter from the terminal, in JSON Lines. */
describe('gazette spam', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores replies read from stdin, one JSON line each, in order, learning nothing', async () => {
    const input = [
      {
        comment: 'Buy cheap v1agra online, no prescription, best prices https://best-pills-now.top',
        author: 'Cheap Pills',
        email: 'x9@example.net',
        url: 'https://best-pills-now.top',
      },
      { comment: 'The council vote was 7 to 2, according to the minutes.', author: 'Ana', email: 'ana@mail.example', url: '' },
      { comment: '', author: '', email: '', url: '' },
      { comment: '🙂🙂🙂', author: 'Kim', email: '', url: '' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const run = await gazetteCommand(['spam', 'score'], env, { input });
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { spam: boolean; score: number });
    expect(lines).toHaveLength(4);
    expect(lines[0]!.spam).toBe(true);
    expect(lines[1]!.spam).toBe(false);
    for (const line of lines) expect(line.score).toBeGreaterThanOrEqual(0);
    const stats = JSON.parse((await gazetteCommand(['spam', 'stats'], env)).stdout) as { working: boolean; lessons: number };
    expect(stats).toMatchObject({ working: true, lessons: 0 });
  });

  it('names the line that is not JSON, or not UTF-8', async () => {
    const bad = await gazetteCommand(['spam', 'score'], env, { input: '{"comment":"fine"}\nnot json\n' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^gazette: line 2: not JSON/);
    const invalid = await gazetteCommand(['spam', 'score'], env, {
      input: Buffer.from([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
    });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim()).toBe('gazette: line 1: not valid UTF-8.');
  });

  it('learns from a labelled file and says so in its stats', async () => {
    const file = join(dir, 'labelled.jsonl');
    writeFileSync(
      file,
      [
        { comment: 'Great tips on harbour fishing licences', author: 'Old Salt', email: 'salt@mail.example', url: '', label: 'ham' },
        {
          comment: 'Win a free cruise now click here',
          author: 'Prize Desk',
          email: 'p@example.net',
          url: 'https://free-cruise.top',
          label: 'spam',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const run = await gazetteCommand(['spam', 'train', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('learnt 2 replies');
    const stats = JSON.parse((await gazetteCommand(['spam', 'stats'], env)).stdout) as { lessons: number };
    expect(stats.lessons).toBe(2);
    const wrong = join(dir, 'wrong.jsonl');
    writeFileSync(wrong, JSON.stringify({ comment: 'x', label: 'maybe' }));
    const refused = await gazetteCommand(['spam', 'train', wrong], env);
    expect(refused.stderr.trim()).toBe('gazette: line 1: "label" must be "spam" or "ham".');
  });
});
