import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/lib/project-root.js';
import { demoArticle } from '../../src/modules/articles/index.js';
import { freePort } from '../support/server-process.js';
import { createSiteFile, type SiteFile } from '../support/site-file.js';
import { childEnv, TEST_SERVER_ENV } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

/*
 * Issue 12 ("Footprint"): a server loads what a request does not need only when it is first used.
 * A real server process (src/main.ts through tsx, on a SQLite site) runs with a preload that
 * records every file it loads (test/support/module-trace.mjs); after it has answered an article
 * page, none of the heavy dependencies below may be among them. Timing belongs to the benchmark
 * (`npm run bench`, docs/benchmarks.md); this only keeps the loading lazy.
 */

const root = projectRoot(import.meta.url);

/** Packages a reader's article page never needs (each is loaded by the code that uses it, on first use). */
const notForReaders = [
  'sharp', // image processing: uploads and the favicon
  '@node-rs/argon2', // password hashing: sign-in, setup, resets
  '@zxcvbn-ts/core', // password strength: where a password is set
  'pg', // PostgreSQL: only when DATABASE_URL names it
  'pg-pool',
  'redis', // the Redis relay: only when REDIS_URL is set
  '@redis/client',
  'nodemailer', // mail: the first message sent
  'saxes', // the WordPress and Disqus importers' XML reader
  'turndown', // WordPress HTML to Markdown
  'piscina', // the Markdown worker pool: the newsroom's editor and imports
  'feed', // feeds: the first feed asked for
  'xml-js',
  'diff', // the newsroom's revision comparison
  '@fastify/swagger', // the API's OpenAPI document: made when first asked for
  'yaml',
];

/** The importers' and the export's own files (the old-link lookups, which every server uses, are not here). */
const importerFiles =
  /src\/modules\/importers\/(run-import|wordpress-[a-z-]+|disqus-import|gazette-import|site-export|xml-records|wxr-[a-z-]+)\.[jt]s$/;

/** The package a loaded file belongs to (`@scope/name` or `name`), or undefined for the project's own files. */
function packageOf(file: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
}

describe('a serving process loads heavy dependencies only when first used', () => {
  let site: SiteFile;
  let server: ChildProcess | undefined;
  let url = '';

  async function loadedFiles(): Promise<string[]> {
    const answer = new Promise<string[]>((resolve) =>
      server!.once('message', (message: { loadedModules: string[] }) => resolve(message.loadedModules)),
    );
    server!.send('loaded-modules');
    return answer;
  }

  beforeAll(async () => {
    site = await createSiteFile('lazy-loading');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = fork(join(root, 'src', 'main.ts'), [], {
      cwd: root,
      execArgv: ['--import', 'tsx', '--import', join(root, 'test', 'support', 'module-trace.mjs')],
      env: childEnv({ ...TEST_SERVER_ENV, DATABASE_URL: site.file, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    server.stderr!.on('data', (d) => (stderr += d));
    await waitFor(
      async () => {
        if (server!.exitCode !== null) throw new Error(`the server exited while starting:\n${stderr}`);
        try {
          return (await fetch(`${url}/articles/${demoArticle.slug}`)).status === 200;
        } catch {
          return false;
        }
      },
      { timeoutMs: 40_000, intervalMs: 100, message: 'the server did not answer the article page' },
    );
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    site?.remove();
  });

  it('answers an article page without image processing, password hashing, PostgreSQL, Redis, mail or the importers', async () => {
    const files = await loadedFiles();
    const packages = new Set(files.map(packageOf).filter((name) => name !== undefined));
    // The trace sees what the server does load (ES modules and CommonJS alike).
    expect(packages).toContain('fastify');
    expect(packages).toContain('better-sqlite3');
    expect(files.some((file) => file.endsWith('/src/modules/importers/old-links.ts'))).toBe(true);

    expect(notForReaders.filter((name) => packages.has(name))).toEqual([]);
    expect(files.filter((file) => importerFiles.test(file))).toEqual([]);
  });

  it('loads image processing once a request needs it (the favicon is drawn with sharp)', async () => {
    const icon = await fetch(`${url}/favicon.ico`);
    expect(icon.status).toBe(200);
    await icon.arrayBuffer();
    const packages = new Set((await loadedFiles()).map(packageOf));
    expect(packages).toContain('sharp');
    expect(packages).not.toContain('@node-rs/argon2');
  });

  it('loads the feed library once a feed is asked for', async () => {
    const feed = await fetch(`${url}/feed.xml`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<rss');
    expect(new Set((await loadedFiles()).map(packageOf))).toContain('feed');
  });
});
