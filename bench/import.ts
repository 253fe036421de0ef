// `npm run bench:import`: a WordPress import at full size, and at a tenth of it, side by side.
// Generates a WXR file (bench/import-wxr-generator.ts; or reuses one given with --file), runs the
// BUILT CLI (`node bin/gazette.js import wordpress FILE --json`) as a child process against a fresh
// database, samples the child's resident memory from /proc every 150 ms, and prints a table: wall
// time, posts and comments per second, peak RSS and RSS at each quarter of the run.
//
//   npm run bench:import                                   # 100,000 posts, 1,000,000 comments, + the 1/10 scale check
//   npm run bench:import -- --posts 10000 --comments 100000 --no-scale
//   npm run bench:import -- --database postgres://postgres@127.0.0.1:5432/postgres   # a fresh database per run on that server
//   npm run bench:import -- --file site.xml                # an existing export, no scale check
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateWxr } from './import-wxr-generator.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    comments: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    database: { type: 'string' },
    'no-scale': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const root = new URL('..', import.meta.url).pathname;
const siteSecret = 'bench-import-site-secret-0123456789abcdefghij';
const sampleEveryMs = 150;

interface Run {
  label: string;
  fileMb: number;
  generateS: number | undefined;
  wallS: number;
  importS: number;
  posts: number;
  comments: number;
  skipped: number;
  peakMb: number;
  quarters: number[];
  /** CPU seconds used, as last sampled before the exit (at most 150 ms short). */
  cpuS: number;
  databaseMb: number | undefined;
}

/** CPU seconds the process has used so far (user + system, all its threads), from /proc; on a shared machine this, unlike wall time, does not grow with other people's load. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined; // The process has just exited.
  }
}

/** A fresh database for one run: a SQLite file in a temp dir, or a new database on the given PostgreSQL server. */
async function freshDatabase(dir: string): Promise<{ url: string; sizeMb(): number | undefined; drop(): Promise<void> }> {
  if (!values.database) {
    const file = join(dir, 'gazette.db');
    return { url: file, sizeMb: () => statSync(file).size / 1e6, drop: async () => {} };
  }
  const name = `gazette_bench_import_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: values.database });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(values.database);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    sizeMb: () => undefined,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}

async function importOnce(label: string, file: string, generateS: number | undefined): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-import-db-'));
  const database = await freshDatabase(dir);
  try {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin/gazette.js'), 'import', 'wordpress', file, '--json'], {
      env: { ...process.env, DATABASE_URL: database.url, SITE_SECRET: siteSecret, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const samples: { at: number; mb: number }[] = [];
    let cpuS = 0;
    const timer = setInterval(() => {
      const mb = child.pid === undefined ? undefined : rssMb(child.pid);
      if (mb !== undefined) samples.push({ at: performance.now() - started, mb });
      cpuS = (child.pid === undefined ? undefined : cpuSeconds(child.pid)) ?? cpuS;
    }, sampleEveryMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${label}: the import exited with ${code}: ${stderr.trim() || stdout.trim()}`);
    const summary = JSON.parse(stdout) as {
      imported: Record<string, number>;
      skipped: { count: number }[];
      seconds: number;
    };
    const at = (fraction: number) => {
      const wanted = wallMs * fraction;
      const before = samples.filter((s) => s.at <= wanted);
      return (before[before.length - 1] ?? samples[0])?.mb ?? 0;
    };
    return {
      label,
      fileMb: statSync(file).size / 1e6,
      generateS,
      wallS: wallMs / 1000,
      importS: summary.seconds,
      posts: (summary.imported['articles'] ?? 0) + (summary.imported['pages'] ?? 0),
      comments: summary.imported['replies'] ?? 0,
      skipped: summary.skipped.reduce((n, s) => n + s.count, 0),
      peakMb: Math.max(0, ...samples.map((s) => s.mb)),
      quarters: [0.25, 0.5, 0.75, 1].map(at),
      cpuS,
      databaseMb: database.sizeMb(),
    };
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function generated(label: string, posts: number, comments: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-import-wxr-'));
  try {
    const file = join(dir, 'wordpress.xml');
    process.stderr.write(`${label}: writing ${posts} posts and ${comments} comments… `);
    const written = await generateWxr(file, { posts, comments });
    process.stderr.write(`${(written.bytes / 1e6).toFixed(0)} MB in ${written.seconds.toFixed(0)} s; importing… `);
    const run = await importOnce(label, file, written.seconds);
    process.stderr.write(`${run.wallS.toFixed(0)} s\n${table([run]).split('\n')[2]}\n`);
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (n: number) => Math.round(n).toLocaleString('en');
const perS = (n: number, s: number) => Math.round(n / s).toLocaleString('en');

function table(runs: Run[]): string {
  const lines = [
    '| run | file MB | wall s | CPU s | import s | posts | comments | posts/s | comments/s | peak RSS MB | RSS at 25 / 50 / 75 / 100 % MB | database MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const r of runs)
    lines.push(
      `| ${r.label} | ${mb(r.fileMb)} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.importS.toFixed(1)} | ${r.posts.toLocaleString('en')} | ` +
        `${r.comments.toLocaleString('en')} | ${perS(r.posts, r.wallS)} | ${perS(r.comments, r.wallS)} | ${mb(r.peakMb)} | ` +
        `${r.quarters.map(mb).join(' / ')} | ${r.databaseMb === undefined ? '–' : mb(r.databaseMb)} |`,
    );
  return lines.join('\n');
}

if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
const runs: Run[] = [];
const dialect = values.database ? 'PostgreSQL' : 'SQLite';
if (values.file) {
  runs.push(await importOnce(`${values.file} (${dialect})`, values.file, undefined));
} else {
  const posts = Number(values.posts);
  const comments = Number(values.comments);
  if (!values['no-scale']) {
    const small = { posts: Math.round(posts / 10), comments: Math.round(comments / 10) };
    runs.push(
      await generated(
        `1/10: ${small.posts.toLocaleString('en')} / ${small.comments.toLocaleString('en')} (${dialect})`,
        small.posts,
        small.comments,
      ),
    );
  }
  runs.push(await generated(`${posts.toLocaleString('en')} / ${comments.toLocaleString('en')} (${dialect})`, posts, comments));
}
console.log(
  `\nWordPress import, node ${process.version}, ${new Date().toISOString().slice(0, 10)}; skipped items and comments (pingbacks, …) are not counted as imported.\n`,
);
console.log(table(runs));
const targetMet = runs.every((r) => r.wallS < 180 && r.peakMb < 300);
console.log(`\nTargets at full size: under 180 s and under 300 MB of RSS — ${targetMet ? 'met' : 'NOT met'} by every run above.`);
