// `npm run bench`: Gazette side by side with its baselines, in one run, on this machine.
// Article page GETs (nginx from disk, a bare node:http server, Gazette, nginx micro-cache in front
// of Gazette), a mixed load (reads over 1,000 articles, 5 approvals a second) and reply POSTs;
// 50 connections each, all on 127.0.0.1, bounded in time. GETs use wrk when installed. First, with
// the machine not yet loaded by this run: start to first answer and idle memory (bench/footprint.ts);
// `--footprint` runs only those rows.
import { spawn, execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { demoArticle } from '../src/modules/articles/index.js';
import { compareStarts, loadAverage, median, rssMb, type StartSample } from './footprint.js';
import { autocannonLoad, findProgram, peakRssMb, wrkLoad, writeRandomPathsScript, type LoadResult } from './http-load.js';
import { microCacheConfig, staticConfig } from './nginx-config.js';
import { freePort, waitForHttp } from './processes.js';
import { distinctReaderPostLoad } from './reply-load.js';
import { prepareBenchSite } from './bench-site.js';
import { compareInRounds, type Contender } from './rounds.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
/** How many measured rounds each compared GET and POST row gets (rounds.ts), and the warm-up before them. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const mixedArticles = Number(process.env.BENCH_MIXED_ARTICLES ?? 1000);
const approvalsPerSecond = 5;
const startRuns = Number(process.env.BENCH_START_RUNS ?? 7);
const idleMs = Number(process.env.BENCH_IDLE_MS ?? 3000);
/** When the settled RSS is read (see StartSample.rssSettledMb); 0 skips it. */
const settledMs = Number(process.env.BENCH_SETTLED_MS ?? 15_000);
const footprintOnly = process.argv.includes('--footprint');
/** Another build's dist/ folder (inside this checkout, so it finds node_modules) started beside this one: before and after. */
const compareDist = process.env.BENCH_COMPARE_DIST;
const wrk = findProgram('wrk');
const nginx = findProgram('nginx');
const root = new URL('..', import.meta.url).pathname;

const NGINX_STATIC = 'nginx (the same bytes from disk)';
const BASELINE_GET = 'baseline (node:http, page from a buffer)';
const GAZETTE_GET = 'Gazette (SQLite), cached page';
const BASELINE_POST = 'baseline (one durable INSERT)';
const GAZETTE_POST = 'Gazette (SQLite, all rules)';
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

interface Row {
  what: string;
  system: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  /** Peak resident memory of the server (VmHWM, its worker processes included), MB. */
  rssMb: number;
}

/** A GET row: wrk when installed, else autocannon. */
async function getLoad(
  url: string,
  pid: number,
  { luaScript, forSeconds = seconds }: { luaScript?: string; forSeconds?: number } = {},
): Promise<Omit<Row, 'what' | 'system'>> {
  const result: LoadResult = wrk
    ? wrkLoad(wrk, url, { seconds: forSeconds, connections, ...(luaScript ? { luaScript } : {}) })
    : await autocannonLoad(url, { seconds: forSeconds, connections });
  return { ...result, rssMb: peakRssMb(pid) };
}

/** A reply POST row from distinct readers: wrk when installed (with a script writing each body), else autocannon. */
async function postLoad(url: string, pid: number, scriptFile: string, forSeconds = seconds): Promise<Omit<Row, 'what' | 'system'>> {
  return { ...(await distinctReaderPostLoad(url, { seconds: forSeconds, connections, wrk, scriptFile })), rssMb: peakRssMb(pid) };
}

/** Waits for a child's first message that has `key`. */
function messageWith<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`mixed-load server exited with ${code}`)));
  });
}

/** What is not installed, and how to install it; those rows are skipped. */
function missingTools(): string[] {
  const missing = [...(wrk ? [] : ['wrk']), ...(nginx ? [] : ['nginx'])];
  if (missing.length > 0)
    console.error(
      `bench: ${missing.join(' and ')} not installed (Debian/Ubuntu: apt-get install -y ${missing.join(' ')}); ${
        nginx ? '' : 'the nginx rows are skipped; '
      }${wrk ? '' : 'GETs and POSTs use autocannon, which shares the cores with the server.'}`,
    );
  return missing;
}

async function main(): Promise<void> {
  // `--no-build`: the dist/ of a build just made (the start-up rows run it as it is).
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
  const children: ChildProcess[] = [];
  missingTools();
  try {
    // A fresh site; flood control off, since every benchmark request comes from 127.0.0.1.
    const dbFile = join(dir, 'gazette.db');
    await prepareBenchSite(dbFile);

    const gazettePort = await freePort();
    const gazette = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
      // A one-second shared-cache lifetime, which the nginx micro-cache row honours (docs/operations.md).
      env: { ...process.env, DATABASE_URL: dbFile, PORT: String(gazettePort), LOG_LEVEL: 'warn', SHARED_CACHE_SECONDS: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(gazette);
    const articleUrl = `http://127.0.0.1:${gazettePort}/articles/${demoArticle.slug}`;
    await waitForHttp(articleUrl, gazette, { ok: true });

    const pageFile = join(dir, 'article.html');
    writeFileSync(pageFile, await (await fetch(articleUrl)).text());
    const basePort = await freePort();
    const baseline = spawn(
      process.execPath,
      [join(root, 'bench/baseline-server.mjs'), pageFile, join(dir, 'baseline.db'), String(basePort)],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(baseline);
    await waitForHttp(`http://127.0.0.1:${basePort}/`, baseline, { ok: true });

    // Start-up and idle memory, before any load: Gazette on this (existing) site and the baseline, in turn.
    const loadBefore = loadAverage();
    const starts = await compareStarts(
      {
        'Gazette (`node dist/src/main.js`, SQLite site)': {
          args: () => [join(root, 'dist/src/main.js')],
          env: { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'warn' },
          url: (port) => `http://127.0.0.1:${port}/articles/${demoArticle.slug}`,
        },
        ...(compareDist
          ? {
              [`Gazette, the build in ${compareDist}`]: {
                args: () => [join(root, compareDist, 'src/main.js')],
                env: { ...process.env, DATABASE_URL: dbFile, LOG_LEVEL: 'warn' },
                url: (port: number) => `http://127.0.0.1:${port}/articles/${demoArticle.slug}`,
              },
            }
          : {}),
        'baseline (node:http, page from a buffer)': {
          args: (port) => [join(root, 'bench/baseline-server.mjs'), pageFile, join(dir, 'baseline-start.db'), String(port)],
          env: process.env,
          url: (port) => `http://127.0.0.1:${port}/`,
        },
      },
      { runs: startRuns, idleMs, settledMs, freePort },
    );
    printStarts(starts, loadBefore);
    if (footprintOnly) return;
    const idleRss = { gazette: rssMb(gazette.pid!), baseline: rssMb(baseline.pid!) };

    const rows: Row[] = [];
    // The page GETs: nginx, the bare node:http process and Gazette, in rounds (rounds.ts).
    let nginxStatic: ChildProcess | undefined;
    const getContenders: Contender<Omit<Row, 'what' | 'system'>>[] = [];
    if (nginx) {
      const port = await freePort();
      nginxStatic = spawn(nginx, ['-c', staticConfig(dir, 'article.html', port), '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(nginxStatic);
      await waitForHttp(`http://127.0.0.1:${port}/`, nginxStatic, { ok: true });
      const pid = nginxStatic.pid!;
      getContenders.push({ name: NGINX_STATIC, load: (s) => getLoad(`http://127.0.0.1:${port}/`, pid, { forSeconds: s }) });
    }
    getContenders.push(
      { name: BASELINE_GET, load: (s) => getLoad(`http://127.0.0.1:${basePort}/`, baseline.pid!, { forSeconds: s }) },
      { name: GAZETTE_GET, load: (s) => getLoad(articleUrl, gazette.pid!, { forSeconds: s }) },
    );
    const gets = await compareInRounds(getContenders, { rounds, seconds, warmupSeconds });
    nginxStatic?.kill('SIGTERM');
    for (const c of getContenders) rows.push({ what: 'article page GET', system: c.name, ...gets.median.get(c.name)! });
    if (nginx) {
      const port = await freePort();
      const micro = spawn(nginx, ['-c', microCacheConfig(dir, port, gazettePort), '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
      children.push(micro);
      const url = `http://127.0.0.1:${port}/articles/${demoArticle.slug}`;
      await waitForHttp(url, micro, { ok: true });
      rows.push({ what: 'article page GET', system: 'nginx micro-cache (1 s) in front of Gazette', ...(await getLoad(url, micro.pid!)) });
      micro.kill('SIGTERM');
    }

    // Reads spread over many articles while replies are approved: the page cache's hit rate.
    const mixedPort = await freePort();
    const mixed = fork(
      join(root, 'bench/mixed-load-server.ts'),
      [join(dir, 'mixed.db'), String(mixedPort), String(mixedArticles), String(approvalsPerSecond)],
      {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    children.push(mixed);
    const { paths } = await messageWith<{ paths: string[] }>(mixed, 'ready');
    const script = writeRandomPathsScript(join(dir, 'mixed.lua'), paths);
    // Every page once, so the row measures a running site rather than a cold start.
    for (const path of paths) await fetch(`http://127.0.0.1:${mixedPort}${path}`).then((r) => r.arrayBuffer());
    mixed.send('stats');
    const before = await messageWith<{ stats: { hits: number; misses: number }; approvals: number }>(mixed, 'stats');
    mixed.send('start-approvals');
    await messageWith(mixed, 'started');
    const mixedRow = wrk
      ? await getLoad(`http://127.0.0.1:${mixedPort}/`, mixed.pid!, { luaScript: script })
      : { ...(await autocannonLoad(`http://127.0.0.1:${mixedPort}${paths[0]}`, { seconds, connections })), rssMb: peakRssMb(mixed.pid!) };
    mixed.send('stats');
    const after = await messageWith<{ stats: { hits: number; misses: number }; approvals: number }>(mixed, 'stats');
    mixed.send('stop');
    const hits = after.stats.hits - before.stats.hits;
    const misses = after.stats.misses - before.stats.misses;
    const hitRate = hits + misses > 0 ? hits / (hits + misses) : 0;
    rows.push({
      what: `mixed GET, ${paths.length} articles`,
      system: `Gazette (SQLite), ${approvalsPerSecond} approvals/s`,
      ...mixedRow,
    });

    // Reply POSTs from distinct readers: the durable-INSERT floor and Gazette, in rounds.
    const postContenders: Contender<Omit<Row, 'what' | 'system'>>[] = [
      { name: BASELINE_POST, load: (s) => postLoad(`http://127.0.0.1:${basePort}/`, baseline.pid!, join(dir, 'posts-baseline.lua'), s) },
      {
        name: GAZETTE_POST,
        load: (s) =>
          postLoad(
            `http://127.0.0.1:${gazettePort}/api/articles/${demoArticle.slug}/replies`,
            gazette.pid!,
            join(dir, 'posts-gazette.lua'),
            s,
          ),
      },
    ];
    // Every reply Gazette answered 201, warm-up included, is counted against the database below.
    let gazetteAcknowledged = 0;
    const posts = await compareInRounds(postContenders, {
      rounds,
      seconds,
      warmupSeconds,
      onWarmup: (name, result) => {
        if (name === GAZETTE_POST) gazetteAcknowledged += result.ok;
      },
    });
    gazetteAcknowledged += posts.runs.get(GAZETTE_POST)!.reduce((sum, r) => sum + r.ok, 0);
    for (const c of postContenders) rows.push({ what: 'reply POST', system: c.name, ...posts.median.get(c.name)! });
    // Every acknowledged reply must be in the database.
    const check = new SqliteDatabase(dbFile, { readonly: true });
    const stored = (check.prepare('select count(*) as n from replies').get() as { n: number }).n;
    check.close();

    console.log(
      `\nGazette benchmark — ${new Date().toISOString()} — ${seconds}s per row, ${connections} connections, Node ${process.version}, ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB; GETs and POSTs with ${wrk ? 'wrk -t2' : 'autocannon'}\n`,
    );
    console.log('| what | system | req/s | p50 ms | p99 ms | 2xx | errors/non-2xx | server RSS MB |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.what} | ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${r.rssMb} |`);
    console.log(
      `\nMixed load: ${hits + misses} page lookups, hit rate ${(hitRate * 100).toFixed(1)} %, ${after.approvals - before.approvals} replies approved during the row.`,
    );
    console.log(
      `\nEach GET and POST row is the median of ${rounds} rounds of ${seconds} s (after ${warmupSeconds} s of warm-up each, not counted), the order turned round every round; req/s per round:\n`,
    );
    for (const result of [gets, posts]) {
      for (const [name, runs] of result.runs) console.log(`- ${name}: ${runs.map((r) => r.rps).join(', ')}`);
    }
    const pageRatio = gets.ratio(GAZETTE_GET, BASELINE_GET);
    const postRatio = posts.ratio(GAZETTE_POST, BASELINE_POST);
    console.log(
      `\nCached page vs the node:http ceiling: ${times(pageRatio.median)} (per round: ${pageRatio.perRound.map(times).join(', ')})`,
    );
    console.log(
      `Reply POSTs vs the durable-INSERT floor: ${times(postRatio.median)} (per round: ${postRatio.perRound.map(times).join(', ')})`,
    );
    console.log(
      `\nReplies Gazette acknowledged with 201 (warm-up and rounds): ${gazetteAcknowledged}; replies in the database afterwards: ${stored}${stored >= gazetteAcknowledged ? ' (none lost)' : ' — LOST REPLIES'}`,
    );
    if (stored < gazetteAcknowledged) process.exitCode = 1;
    // The serving processes' whole life: started, idle, then the article GET and reply POST rows.
    console.log(`\nResident memory of the serving processes (the benchmark's load: article GETs, then reply POSTs):\n`);
    console.log('| system | RSS idle, before the load, MB | peak RSS (VmHWM) after the load, MB |');
    console.log('|---|---:|---:|');
    console.log(`| baseline (node:http) | ${idleRss.baseline} | ${peakRssMb(baseline.pid!)} |`);
    console.log(`| Gazette (SQLite) | ${idleRss.gazette} | ${peakRssMb(gazette.pid!)} |`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The start-up table: medians of the counted starts, and every figure, so the spread shows. */
function printStarts(samples: Record<string, StartSample[]>, loadBefore: string): void {
  console.log(
    `\nStart to first answer — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} cores; ` +
      `${startRuns} starts each, interleaved, after one uncounted; RSS idle ${idleMs} ms and settled ${settledMs} ms after the first answer; ` +
      `load average ${loadBefore} before, ${loadAverage()} after\n`,
  );
  console.log(
    '| system | spawn → first 200, median ms | all starts, ms | RSS at first answer MB (median) | RSS idle MB (median) | RSS settled MB (median) |',
  );
  console.log('|---|---:|---|---:|---:|---:|');
  for (const [name, runs] of Object.entries(samples)) {
    const ms = runs.map((r) => r.firstAnswerMs);
    console.log(
      `| ${name} | ${median(ms)} | ${ms.join(', ')} | ${median(runs.map((r) => r.rssAtFirstMb))} | ${median(runs.map((r) => r.rssIdleMb))} | ${median(runs.map((r) => r.rssSettledMb))} |`,
    );
  }
}

await main();
