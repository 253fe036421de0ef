import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { disqus, exportFile, wxr } from '../support/import-files.js';
import { gazetteCommand } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'gazette-cli-import-'));
const env = { DATABASE_URL: join(dir, 'gazette.db'), LOG_LEVEL: 'silent', SITE_SECRET: 'gazette-test-site-secret-0123456789abcdef' };

/*
 * `gazette import wordpress|disqus FILE` as an operator runs it: a summary for a person, one JSON
 * object with --json, no progress line when the output is piped, and one line (never a stack
 * trace) with the line number when the file is bad.
 */
describe('gazette import', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a WordPress export and prints a summary, quietly when piped', async () => {
    const file = exportFile(wxr([{ id: 1, comments: [{ id: 1 }, { id: 2, type: 'pingback' }] }]));
    const run = await gazetteCommand(['import', 'wordpress', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('imported:  1 members, 1 articles, 1 replies');
    expect(run.stdout).toContain('1 × is a pingback (pingbacks and trackbacks are counted, not imported)');
    expect(run.stderr).toBe('');
  });

  it('prints the summary of a second run as JSON: everything unchanged', async () => {
    const file = exportFile(wxr([{ id: 1, comments: [{ id: 1 }, { id: 2, type: 'pingback' }] }]));
    const run = await gazetteCommand(['import', 'wordpress', file, '--json'], env);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as { source: string; imported: object; unchanged: Record<string, number> };
    expect(summary.source).toBe('wordpress');
    expect(summary.imported).toEqual({});
    expect(summary.unchanged).toEqual({ members: 1, articles: 1, replies: 1 });
  });

  it('attaches a Disqus export to the imported articles', async () => {
    const file = exportFile(disqus([{ id: 't', link: 'https://courier.example/2024/10/28/post-1/' }], [{ id: 'd1', thread: 't' }]));
    const run = await gazetteCommand(['import', 'disqus', file, '--json'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ source: 'disqus', imported: { replies: 1 } });
  });

  it('stops at a malformed file with one line naming the line, and exit status 1', async () => {
    const file = exportFile(wxr([{ id: 7 }]).replace('</item>', '</itm>'));
    const run = await gazetteCommand(['import', 'wordpress', file], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^gazette: line \d+: the XML is malformed: .+$/);
    expect(run.stderr).not.toContain('    at ');
  });

  it('names a missing file', async () => {
    const run = await gazetteCommand(['import', 'wordpress', join(dir, 'nope.xml')], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`gazette: cannot read ${join(dir, 'nope.xml')}: there is no such file`);
  });
});
