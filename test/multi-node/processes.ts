import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../src/lib/project-root.js';
import { childEnv } from '../support/test-env.js';
import { waitFor } from '../support/wait-for.js';

/*
 * Real Gazette processes for the multi-node tests: the CLI run through tsx, each with its own
 * environment, on 127.0.0.1 only.
 */

const root = projectRoot(import.meta.url);
const cli = join(root, 'src', 'cli', 'index.ts');

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

/** A fresh, empty schema in the test database; `drop()` removes it and everything in it. */
export async function freshSchema(url: string): Promise<{ name: string; databaseUrl: string; drop(): Promise<void> }> {
  const name = `gz_nodes_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${name}`);
  await admin.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', name);
  return {
    name,
    databaseUrl: withSchema.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${name} cascade`);
      await c.end();
    },
  };
}

/** A child process and everything it printed. */
export interface Child {
  readonly process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) once it exits. */
  readonly exited: Promise<number | string>;
}

/** Runs the `gazette` CLI with `args` and this environment added to the test's own. */
export function gazette(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { process: child, output: () => output, exited };
}

/** A serving node: its address, and how to stop it. */
export interface Node extends Child {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** Starts `gazette serve` on a free port and waits (bounded) until it answers. */
export async function startNode(env: Record<string, string>, args: string[] = []): Promise<Node> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = gazette(['serve', ...args], { HOST: '127.0.0.1', PORT: String(port), ...env });
  let exitedEarly = false;
  void child.exited.then(() => (exitedEarly = true));
  await waitFor(
    async () => {
      if (exitedEarly) throw new Error(`the node on port ${port} exited while starting:\n${child.output()}`);
      try {
        return (await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1000) })).status === 200;
      } catch {
        return false;
      }
    },
    { timeoutMs: 40_000, intervalMs: 100, message: `the node on port ${port} did not start` },
  );
  return {
    ...child,
    baseUrl,
    async stop() {
      if (child.process.exitCode !== null || child.process.signalCode !== null) return;
      child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
      await child.exited;
      clearTimeout(timer);
    },
  };
}
