// `npm run bench:reply-posts`: durable reply POSTs, Gazette against the bare floor, on SQLite and
// (when BENCH_DATABASE_URL names a server) on PostgreSQL. Each row is 50 connections of wrk (or
// autocannon, without wrk) for BENCH_SECONDS (default 10) against a real server process on 127.0.0.1:
//   - floor, SQLite: bench/baseline-server.mjs, one INSERT per POST, WAL, synchronous = FULL;
//   - Gazette, SQLite: `node dist/src/main.js` on a fresh site file (every rule on, flood control off);
//   - floor, PostgreSQL: bench/baseline-pg-server.ts, one INSERT per POST, synchronous_commit on;
//   - Gazette, PostgreSQL: the same server process on a fresh schema of that database.
// Afterwards the replies in each database are counted: every one answered 201 must be there.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { demoArticle } from '../src/modules/articles/index.js';
import { findProgram, peakRssMb } from './http-load.js';
import { freePort, waitForHttp } from './processes.js';
import { distinctReaderPostLoad } from './reply-load.js';
import { prepareBenchSite } from './bench-site.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const pgUrl = process.env.BENCH_DATABASE_URL;
const root = new URL('..', import.meta.url).pathname;
const secrets = { SITE_SECRET: 'reply-posts-bench-secret-0123456789abcdef', SECRET_KEY: 'reply-posts-bench-email-key-0123456789ab' };

interface Row {
  system: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  rssMb: number;
  stored?: number;
  load: string;
}

const wrk = findProgram('wrk');
const scriptDir = mkdtempSync(join(tmpdir(), 'gazette-reply-posts-scripts-'));

async function postRow(system: string, url: string, child: ChildProcess): Promise<Row> {
  const load = loadavg()[0]!.toFixed(1);
  const result = await distinctReaderPostLoad(url, { seconds, connections, wrk, scriptFile: join(scriptDir, 'posts.lua') });
  return { system, ...result, rssMb: peakRssMb(child.pid!), load };
}

function startGazette(databaseUrl: string, port: number): ChildProcess {
  return spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    env: {
      ...process.env,
      ...secrets,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function main(): Promise<void> {
  if (process.env.BENCH_NO_BUILD !== '1') execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'gazette-reply-posts-'));
  const children: ChildProcess[] = [];
  const rows: Row[] = [];
  const schemas: string[] = [];
  const admin = pgUrl ? new pg.Client({ connectionString: pgUrl }) : undefined;
  try {
    // SQLite: the floor, then Gazette.
    writeFileSync(join(dir, 'page.html'), '<!DOCTYPE html><title>floor</title>');
    const basePort = await freePort();
    const baseline = spawn(
      process.execPath,
      [join(root, 'bench/baseline-server.mjs'), join(dir, 'page.html'), join(dir, 'baseline.db'), String(basePort)],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.push(baseline);
    await waitForHttp(`http://127.0.0.1:${basePort}/`, baseline, { timeoutMs: 60_000 });
    rows.push(await postRow('floor: node:http, one INSERT, SQLite (WAL, synchronous=FULL)', `http://127.0.0.1:${basePort}/`, baseline));
    baseline.kill('SIGTERM');

    const dbFile = join(dir, 'gazette.db');
    await prepareBenchSite(dbFile, secrets);
    const sqlitePort = await freePort();
    const sqliteGazette = startGazette(dbFile, sqlitePort);
    children.push(sqliteGazette);
    await waitForHttp(`http://127.0.0.1:${sqlitePort}/`, sqliteGazette, { timeoutMs: 60_000 });
    const sqliteRow = await postRow(
      'Gazette, SQLite, all rules',
      `http://127.0.0.1:${sqlitePort}/api/articles/${demoArticle.slug}/replies`,
      sqliteGazette,
    );
    sqliteGazette.kill('SIGTERM');
    await new Promise((r) => sqliteGazette.once('exit', r));
    const check = new SqliteDatabase(dbFile, { readonly: true });
    sqliteRow.stored = (check.prepare('select count(*) as n from replies').get() as { n: number }).n;
    check.close();
    rows.push(sqliteRow);

    if (admin && pgUrl) {
      await admin.connect();
      const { rows: settings } = await admin.query<{ setting: string }>(
        `select setting from pg_settings where name = 'synchronous_commit'`,
      );
      if (settings[0]?.setting !== 'on')
        console.error(`bench: synchronous_commit is ${settings[0]?.setting} on this server; both rows set it on`);
      const [floorSchema, siteSchema] = [
        `gz_bench_floor_${randomBytes(3).toString('hex')}`,
        `gz_bench_site_${randomBytes(3).toString('hex')}`,
      ];
      for (const s of [floorSchema, siteSchema]) {
        await admin.query(`create schema ${s}`);
        schemas.push(s);
      }
      const pgBasePort = await freePort();
      const pgBaseline = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench/baseline-pg-server.ts'), pgUrl, floorSchema, String(pgBasePort)],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      children.push(pgBaseline);
      await waitForHttp(`http://127.0.0.1:${pgBasePort}/`, pgBaseline, { timeoutMs: 60_000 });
      const floorRow = await postRow(
        'floor: node:http, one INSERT, PostgreSQL (synchronous_commit on)',
        `http://127.0.0.1:${pgBasePort}/`,
        pgBaseline,
      );
      pgBaseline.kill('SIGTERM');
      floorRow.stored = Number((await admin.query<{ n: string }>(`select count(*) as n from ${floorSchema}.posts`)).rows[0]!.n);
      rows.push(floorRow);

      const siteUrl = new URL(pgUrl);
      siteUrl.searchParams.set('schema', siteSchema);
      await prepareBenchSite(siteUrl.toString(), secrets);
      const pgPort = await freePort();
      const pgGazette = startGazette(siteUrl.toString(), pgPort);
      children.push(pgGazette);
      await waitForHttp(`http://127.0.0.1:${pgPort}/`, pgGazette, { timeoutMs: 60_000 });
      const pgRow = await postRow(
        'Gazette, PostgreSQL, all rules',
        `http://127.0.0.1:${pgPort}/api/articles/${demoArticle.slug}/replies`,
        pgGazette,
      );
      pgGazette.kill('SIGTERM');
      await new Promise((r) => pgGazette.once('exit', r));
      pgRow.stored = Number((await admin.query<{ n: string }>(`select count(*) as n from ${siteSchema}.replies`)).rows[0]!.n);
      rows.push(pgRow);
    } else console.error('bench: PostgreSQL rows skipped; set BENCH_DATABASE_URL=postgres://… to run them');

    console.log(
      `\nReply POSTs — ${new Date().toISOString()} — ${seconds}s per row, ${connections} connections (${wrk ? 'wrk -t2' : 'autocannon'}), Node ${process.version}, ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`,
    );
    console.log('| system | req/s | p50 ms | p99 ms | 2xx | errors/non-2xx | stored | server RSS MB | load (1 min) |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows)
      console.log(`| ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.errors} | ${r.stored ?? '–'} | ${r.rssMb} | ${r.load} |`);
    const ratio = (gazette: Row | undefined, floor: Row | undefined) => (gazette && floor ? (gazette.rps / floor.rps).toFixed(2) : '–');
    console.log(`\nGazette / floor: SQLite ${ratio(rows[1], rows[0])}×, PostgreSQL ${ratio(rows[3], rows[2])}×`);
    for (const r of rows)
      if (r.stored !== undefined && r.stored < r.ok) {
        console.log(`LOST REPLIES: ${r.system} acknowledged ${r.ok}, stored ${r.stored}`);
        process.exitCode = 1;
      }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    if (admin) {
      for (const s of schemas) await admin.query(`drop schema if exists ${s} cascade`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(scriptDir, { recursive: true, force: true });
  }
}

await main();
