// The "Footprint" rows of `npm run bench` (issue 12): how long a server takes from the spawn of its
// process to its first 200 on the article page, and its resident memory once idle. Gazette
// (`node dist/src/main.js` on an existing site) and the bare node:http baseline are started in
// turn, several times each, interleaved, so both meet the same load on the shared machine.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One program to start: its arguments to `node` (given a free port), its environment, and the address to ask. */
export interface StartTarget {
  args(port: number): string[];
  env: NodeJS.ProcessEnv;
  /** Given a free port, the address whose first 200 ends the timing. */
  url(port: number): string;
}

/** What one start measured. */
export interface StartSample {
  /** From the spawn to the first 200 (the polling interval is 5 ms). */
  firstAnswerMs: number;
  /** VmRSS right after that answer, MB. */
  rssAtFirstMb: number;
  /** VmRSS after `idleMs` more with no requests, MB. */
  rssIdleMb: number;
  /**
   * VmRSS after `settledMs` with no requests, MB (0 when not asked for). V8's memory reducer
   * gives back the start-up's heap about ten seconds after a process falls quiet, so a server that
   * sits idle holds this, not the figure just after its start.
   */
  rssSettledMb: number;
}

/** Resident memory now (VmRSS) of a process, in MB; 0 when it has gone. */
export function rssMb(pid: number): number {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** The median of some numbers (the upper one of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The machine's load averages (1, 5 and 15 minutes), as /proc/loadavg gives them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Starts `target` once on `port`, times its first 200, reads its memory, and stops it. */
export async function startOnce(target: StartTarget, port: number, idleMs: number, settledMs = 0): Promise<StartSample> {
  const url = target.url(port);
  const started = performance.now();
  const child = spawn(process.execPath, target.args(port), {
    env: { ...target.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  try {
    let firstAnswerMs: number | undefined;
    while (firstAnswerMs === undefined) {
      if (child.exitCode !== null) throw new Error(`${url}: exited with ${child.exitCode} while starting:\n${stderr}`);
      if (performance.now() - started > 60_000) throw new Error(`${url}: no answer within 60 s`);
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status === 200) firstAnswerMs = performance.now() - started;
      } catch {
        /* not listening yet */
      }
      if (firstAnswerMs === undefined) await new Promise((r) => setTimeout(r, 5));
    }
    const rssAtFirstMb = rssMb(child.pid!);
    await new Promise((r) => setTimeout(r, idleMs));
    const rssIdleMb = rssMb(child.pid!);
    if (settledMs > idleMs) await new Promise((r) => setTimeout(r, settledMs - idleMs));
    return { firstAnswerMs: Math.round(firstAnswerMs), rssAtFirstMb, rssIdleMb, rssSettledMb: settledMs > idleMs ? rssMb(child.pid!) : 0 };
  } finally {
    // Waited for only while it runs: a process that already exited (a failed start) emits nothing more.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/**
 * Starts each target `runs` times, in turn (A B A B …), after one start of each that is not
 * counted (it warms the file cache, as on a machine where the site already ran).
 */
export async function compareStarts(
  targets: Record<string, StartTarget>,
  options: { runs: number; idleMs: number; settledMs?: number; freePort: () => Promise<number> },
): Promise<Record<string, StartSample[]>> {
  const samples: Record<string, StartSample[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let run = 0; run <= options.runs; run++) {
    for (const [name, target] of Object.entries(targets)) {
      const sample = await startOnce(target, await options.freePort(), options.idleMs, options.settledMs);
      process.stderr.write(`bench: start ${run}/${options.runs} ${name}: ${sample.firstAnswerMs} ms${run === 0 ? ' (not counted)' : ''}\n`);
      if (run > 0) samples[name]!.push(sample);
    }
  }
  return samples;
}
