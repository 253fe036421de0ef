import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/lib/project-root.js';
import { childEnv, TEST_SERVER_ENV } from './test-env.js';
import { waitFor } from './wait-for.js';

/*
 * The one way tests start Gazette processes: the CLI (a command run to its end, or `gazette serve`)
 * and the server's own entry point, from source through tsx (or from a build), on 127.0.0.1 only.
 */

const root = projectRoot(import.meta.url);
const cli = join(root, 'src', 'cli', 'index.ts');

/**
 * Where test:hostile compiles the server (test/hostile/build-first.ts): its own folder, never
 * `dist/`, which may be shared (hard-linked) with other checkouts and built from other sources.
 */
export const testBuildDir = 'test-results/hostile-build';

/** A port nobody listens on now: bind port 0, read what the OS gave, let it go. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running Gazette process and everything it printed. */
export interface GazetteProcess {
  readonly child: ChildProcess;
  /** Standard output and error, interleaved as they came. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal name) once it exits. */
  readonly exited: Promise<number | string>;
}

/** How a process is started. */
export interface SpawnOptions {
  /** Written to standard input (raw bytes as given, a string as UTF-8), which is then closed. */
  input?: string | Buffer;
  /**
   * `exact`: the child's environment is only `env` (Node runs tsx itself, so it needs no PATH);
   * `test` (default): the test's own environment without the settings a test must choose (childEnv).
   */
  environment?: 'exact' | 'test';
}

function spawnGazette(args: string[], env: Record<string, string>, options: SpawnOptions = {}): GazetteProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: options.environment === 'exact' ? env : childEnv(env),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => ((output += d), (stdout += d)));
  child.stderr!.on('data', (d) => ((output += d), (stderr += d)));
  if (options.input !== undefined) child.stdin!.end(options.input);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => output, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves once the process has exited and its output is all read ('exit' can come before the last of it). */
function outputClosed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.stdout!.closed && child.stderr!.closed ? resolve() : child.once('close', () => resolve())));
}

/** Starts the `gazette` CLI from source with `args`; `env` is added to the test's own (see SpawnOptions). */
export function runGazette(args: string[], env: Record<string, string>, options: SpawnOptions = {}): GazetteProcess {
  return spawnGazette(['--import', 'tsx', cli, ...args], { LOG_LEVEL: 'warn', ...env }, options);
}

/** Runs a `gazette` command to its end (killed after `timeoutMs`): its exit code and what it printed. */
export async function gazetteCommand(
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = runGazette(args, env, options);
  const closed = outputClosed(run.child);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const code = await run.exited;
  await closed;
  clearTimeout(timer);
  return { code: typeof code === 'number' ? code : 1, stdout: run.stdout(), stderr: run.stderr() };
}

/** A serving Gazette process: its address, and how to stop it. */
export interface ServerProcess extends GazetteProcess {
  readonly url: string;
  /** Sends `signal` (SIGTERM by default; SIGKILL after 10 s if it is still running) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Which program serves. */
export interface ServerOptions {
  /** `gazette serve` with these arguments (e.g. `--workers 2`) instead of `src/main.ts`. */
  serveArgs?: string[];
  /** Runs the compiled copy of `src/main.ts` in `testBuildDir` (seconds faster to start, for tests that restart it often). */
  fromBuild?: boolean;
  /** How long it may take to answer its home page. */
  timeoutMs?: number;
}

/** Starts a server on a free port with `env` added (over TEST_SERVER_ENV) and waits (bounded) until its home page answers 200. */
export async function startServer(env: Record<string, string>, options: ServerOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const listen = { LOG_LEVEL: 'warn', ...TEST_SERVER_ENV, ...env, HOST: '127.0.0.1', PORT: String(port) };
  const server = options.serveArgs
    ? runGazette(['serve', ...options.serveArgs], listen)
    : spawnGazette(options.fromBuild ? [`${testBuildDir}/src/main.js`] : ['--import', 'tsx', 'src/main.ts'], listen);
  let exitedEarly = false;
  void server.exited.then(() => (exitedEarly = true));
  try {
    await waitFor(
      async () => {
        if (exitedEarly) throw new Error(`the server on port ${port} exited while starting:\n${server.output()}`);
        try {
          return (await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) })).status === 200;
        } catch {
          return false;
        }
      },
      { timeoutMs: options.timeoutMs ?? 40_000, intervalMs: 100, message: `the server on port ${port} did not start` },
    );
  } catch (error) {
    // SIGTERM first: a cluster primary killed outright would leave its workers running.
    await stop();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return { ...server, url, stop };

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.child.kill(signal);
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    await server.exited;
    clearTimeout(timer);
  }
}
