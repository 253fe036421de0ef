import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/db.js';
import { disqus, exportFile, wxr } from '../support/import-files.js';
import { gazetteCommand, runGazette } from '../support/server-process.js';

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

  it('leaves the site as it was when killed mid-import, and the next start has its write-ahead log back', async () => {
    const site = join(dir, 'killed.db');
    const siteEnv = { ...env, DATABASE_URL: site };
    const before = await gazetteCommand(
      ['import', 'wordpress', exportFile(wxr([{ id: 1, slug: 'kept', comments: [{ id: 1 }] }]))],
      siteEnv,
    );
    expect(before.code).toBe(0);
    // Big enough to be caught loading: 2,000 posts with 10 comments each.
    const posts = Array.from({ length: 2000 }, (_, n) => ({
      id: n + 100,
      slug: `later-${n}`,
      content: `<p>${'A paragraph of the story. '.repeat(20)}</p>`,
      comments: Array.from({ length: 10 }, (_, c) => ({ id: (n + 100) * 100 + c })),
    }));
    const run = runGazette(['import', 'wordpress', exportFile(wxr(posts))], siteEnv);
    // The import has the file to itself: a rollback journal, which exists from its first write until it ends.
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${site}-journal`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(`${site}-journal`)).toBe(true);
    expect(existsSync(`${site}-wal`)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');

    // The next process to open the file (a server starting) rolls the journal back and is in WAL mode.
    const storage = createStorage({ dialect: 'sqlite', file: site });
    try {
      const slugs = (await storage.db.selectFrom('articles').select('slug').execute()).map((a) => a.slug);
      expect(slugs).toContain('kept');
      expect(slugs.filter((slug) => slug.startsWith('later-'))).toEqual([]);
      expect(await storage.db.selectFrom('replies').select('id').execute()).toHaveLength(1);
    } finally {
      await storage.close();
    }
    const raw = new SqliteDatabase(site, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      raw.close();
    }
  });
});
