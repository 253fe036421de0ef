// Load generators and process measurements for `npm run bench`: wrk when installed (a C program,
// so it takes less of the shared cores than autocannon), autocannon otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** What one row measured. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
}

/** The path of a program on PATH (or in /usr/sbin, where Debian puts nginx), or undefined. */
export function findProgram(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/sbin', '/sbin')) {
    const path = `${dir}/${name}`;
    if (spawnSync('test', ['-x', path]).status === 0) return path;
  }
  return undefined;
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** GETs with wrk for `seconds`; `luaScript` (a file) may choose each request's path. */
export function wrkLoad(wrk: string, url: string, options: { seconds: number; connections: number; luaScript?: string }): LoadResult {
  const args = [
    '-t2',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    // autocannon's default: a durable POST waits for the disk, which a busy machine can hold for seconds.
    '--timeout',
    '10s',
    ...(options.luaScript ? ['-s', options.luaScript] : []),
    url,
  ];
  const out = execFileSync(wrk, args, { encoding: 'utf8' });
  const latency = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
    return m ? Math.round(ms(m[1]!, m[2]!) * 100) / 100 : NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    rps: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
    p50: latency('50'),
    p99: latency('99'),
    ok: requests - non2xx,
    errors: non2xx + socketErrors,
  };
}

/** Any load with autocannon (the POST rows, and GETs when wrk is missing). */
export async function autocannonLoad(
  url: string,
  options: Partial<autocannon.Options> & { seconds: number; connections: number },
): Promise<LoadResult> {
  const { seconds, connections, ...rest } = options;
  const result = await autocannon({ url, connections, duration: seconds, ...rest });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** A wrk script that GETs `paths` at random. */
export function writeRandomPathsScript(file: string, paths: readonly string[]): string {
  const list = paths.map((p) => JSON.stringify(p)).join(',\n');
  writeFileSync(file, `local paths = {\n${list}\n}\nrequest = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n`);
  return file;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The peak resident memory (VmHWM) of a process and its children, in MB. */
export function peakRssMb(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    /* no children file: the process alone */
  }
  return Math.round([pid, ...children].reduce((sum, p) => sum + statusKb(p, 'VmHWM'), 0) / 1024);
}
