// `npm run bench:footprint-load -- [DIST...]`: idle and peak RSS of one or more builds under the same
// load, interleaved (issue 12, "Footprint"). Each build's `src/main.js` serves a fresh copy of one
// SQLite site (migrated, demo article, flood control off as in `npm run bench`); after 3 s idle,
// autocannon sends 5 s of article page GETs, then 5 s of reply POSTs (50 connections each), and the
// process's VmHWM is read. DIST defaults to `dist`; give e.g. `test-results/before-dist dist` to compare.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { demoArticle } from '../src/modules/articles/index.js';
import { loadAverage, median, rssMb } from './footprint.js';
import { autocannonLoad, peakRssMb } from './http-load.js';
import { freePort } from './processes.js';
import { prepareBenchSite } from './bench-site.js';

const builds = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist'];
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gazette-footprint-'));
let counter = 0;

async function measure(build: string, dbFile: string, port: number) {
  const child = spawn(process.execPath, [resolve(root, build, 'src/main.js')], {
    env: { ...process.env, DATABASE_URL: dbFile, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    const page = `http://127.0.0.1:${port}/articles/${demoArticle.slug}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${build}: exited with ${child.exitCode} while starting`);
      try {
        const r = await fetch(page);
        await r.arrayBuffer();
        if (r.ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMb(child.pid!);
    const get = await autocannonLoad(page, { seconds: 5, connections: 50 });
    const post = await autocannonLoad(`http://127.0.0.1:${port}/api/articles/${demoArticle.slug}/replies`, {
      seconds: 5,
      connections: 50,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      requests: [
        {
          setupRequest: (req: any) => {
            counter += 1;
            const body = { comment: `Footprint reply ${counter}.`, author: `Reader ${counter}`, email: `fp-${counter}@bench.example` };
            return { ...req, body: new URLSearchParams(body).toString() };
          },
        },
      ],
    });
    return { idle, peak: peakRssMb(child.pid!), getRps: get.rps, postRps: post.rps };
  } finally {
    // Waited for only while it runs: a process that already exited (a failed start) emits nothing more.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

try {
  const site = join(dir, 'site.db');
  await prepareBenchSite(site);
  const results: Record<string, { idle: number; peak: number; getRps: number; postRps: number }[]> = {};
  const loadBefore = loadAverage();
  for (let round = 0; round < rounds; round++) {
    for (const build of builds) {
      // A copy per run, so every build starts from the same site (the key files beside it included).
      const runDir = mkdtempSync(join(dir, 'run-'));
      for (const name of ['site.db', 'site-secret.key', 'secret.key']) {
        try {
          copyFileSync(join(dir, name), join(runDir, name));
        } catch {
          /* not made yet: the first start makes it */
        }
      }
      const result = await measure(build, join(runDir, 'site.db'), await freePort());
      console.error(`footprint-load: ${build} round ${round + 1}: ${JSON.stringify(result)}`);
      (results[build] ??= []).push(result);
    }
  }
  console.log(`\nIdle and peak RSS under load — ${new Date().toISOString()} — Node ${process.version}; ${rounds} rounds, interleaved;`);
  console.log(`5 s GET then 5 s reply POST, 50 connections (autocannon); load average ${loadBefore} before, ${loadAverage()} after\n`);
  console.log('| build | RSS idle MB (median) | peak RSS after the load MB (median) | all peaks | GET req/s | POST req/s |');
  console.log('|---|---:|---:|---|---:|---:|');
  for (const [build, runs] of Object.entries(results)) {
    console.log(
      `| ${build} | ${median(runs.map((r) => r.idle))} | ${median(runs.map((r) => r.peak))} | ${runs.map((r) => r.peak).join(', ')} | ` +
        `${median(runs.map((r) => r.getRps))} | ${median(runs.map((r) => r.postRps))} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
