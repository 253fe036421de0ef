// `npm run bench`: Gazette side by side with a bare baseline, in one run, on this machine.
// Article page GETs and reply POSTs, 50 connections each, all on 127.0.0.1, bounded in time.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { demoArticle, publishDemoArticleIfEmpty } from '../src/modules/articles/index.js';
import { migrateToLatest } from '../src/storage/db.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const root = new URL('..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

interface Row {
  what: string;
  system: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  rssMb: number;
}

async function load(url: string, pid: number, options: Partial<autocannon.Options> = {}): Promise<Omit<Row, 'what' | 'system'>> {
  const result = await autocannon({ url, connections, duration: seconds, ...options });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.non2xx + result.timeouts,
    rssMb: rssMb(pid),
  };
}

let counter = 0;
function replyBody(): string {
  counter += 1;
  return new URLSearchParams({
    comment: `Benchmark reply number ${counter}: a sentence or two, as readers write them.`,
    author: `Reader ${counter}`,
    email: `reader-${counter}@bench.example`,
  }).toString();
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
  const children: ChildProcess[] = [];
  try {
    // A fresh site; flood control off, since every benchmark request comes from 127.0.0.1.
    const dbFile = join(dir, 'gazette.db');
    const config = loadConfig({ DATABASE_URL: dbFile, LOG_LEVEL: 'silent' });
    const container = createContainer(config);
    await migrateToLatest(container.storage);
    await publishDemoArticleIfEmpty(container);
    await container.discussion.update(
      { floodIntervalSeconds: 0, autoApproveKnownAuthors: false },
      { kind: 'system', id: null, name: 'benchmark setup' },
    );
    await container.close();

    const gazettePort = await freePort();
    const gazette = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      env: { ...process.env, DATABASE_URL: dbFile, PORT: String(gazettePort), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gazette);
    const articleUrl = `http://127.0.0.1:${gazettePort}/articles/${demoArticle.slug}`;
    await waitForHttp(articleUrl, gazette);

    const pageFile = join(dir, 'article.html');
    writeFileSync(pageFile, await (await fetch(articleUrl)).text());
    const basePort = await freePort();
    const baseline = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/baseline-server.ts'), pageFile, join(dir, 'baseline.db'), String(basePort)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(baseline);
    await waitForHttp(`http://127.0.0.1:${basePort}/`, baseline);

    const rows: Row[] = [];
    rows.push({
      what: 'article page GET',
      system: 'baseline (node:http, page from a buffer)',
      ...(await load(`http://127.0.0.1:${basePort}/`, baseline.pid!)),
    });
    rows.push({ what: 'article page GET', system: 'Gazette (SQLite)', ...(await load(articleUrl, gazette.pid!)) });

    const post = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      requests: [{ setupRequest: (req: any) => ({ ...req, body: replyBody() }) }],
    };
    rows.push({
      what: 'reply POST',
      system: 'baseline (one durable INSERT)',
      ...(await load(`http://127.0.0.1:${basePort}/`, baseline.pid!, post)),
    });
    const replyRow = {
      what: 'reply POST',
      system: 'Gazette (SQLite, all rules)',
      ...(await load(`http://127.0.0.1:${gazettePort}/api/articles/${demoArticle.slug}/replies`, gazette.pid!, post)),
    };
    rows.push(replyRow);

    // Every acknowledged reply must be in the database.
    const check = new SqliteDatabase(dbFile, { readonly: true });
    const stored = (check.prepare('select count(*) as n from replies').get() as { n: number }).n;
    check.close();

    console.log(
      `\nGazette benchmark — ${new Date().toISOString()} — ${seconds}s per row, ${connections} connections, Node ${process.version}\n`,
    );
    console.log('| what | system | req/s | p50 ms | p99 ms | 2xx | errors/non-2xx | server RSS MB |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.what} | ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${r.rssMb} |`);
    console.log(
      `\nReplies acknowledged with 201: ${replyRow.ok}; replies in the database afterwards: ${stored}${stored >= replyRow.ok ? ' (none lost)' : ' — LOST REPLIES'}`,
    );
    if (stored < replyRow.ok) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
