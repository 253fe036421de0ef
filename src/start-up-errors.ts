import { ConfigError, loadConfig } from './config.js';

/**
 * Ordinary mistakes an operator makes at start-up (a port in use, a database that is not there, a
 * server that does not answer), each turned into one line: what went wrong, then the fix. Anything
 * else keeps its own first line. Nobody at a terminal should have to read a stack trace to learn
 * that PORT is taken (issue 11, item 6).
 */

interface SystemError {
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  message?: unknown;
  errors?: unknown;
}

/** What the explanation may name: the configured targets, so the fix says which variable to change. */
export interface StartUpHints {
  readonly port?: number;
  readonly host?: string;
  readonly redisUrl?: string;
}

function fields(error: unknown): SystemError {
  return typeof error === 'object' && error !== null ? (error as SystemError) : {};
}

/** Node's happy-eyeballs connect (a name with both IPv4 and IPv6) throws an AggregateError of the attempts. */
function firstAttempt(error: SystemError): SystemError {
  const inner = Array.isArray(error.errors) ? fields(error.errors[0]) : {};
  // Read field by field: an Error's `message` is not enumerable, so spreading would lose it.
  const keys = ['code', 'syscall', 'address', 'port', 'hostname', 'message'] as const;
  return Object.fromEntries(keys.map((k) => [k, error[k] ?? inner[k]]));
}

/** Which setting names the server that refused or could not be found: REDIS_URL when its host and port match, else DATABASE_URL. */
function whichUrl(address: string, port: string, hints: StartUpHints): string {
  if (hints.redisUrl) {
    try {
      const url = new URL(hints.redisUrl);
      if ((url.port || '6379') === port || url.hostname === address) return 'REDIS_URL';
    } catch {
      // config.ts already refused a malformed REDIS_URL.
    }
  }
  return 'DATABASE_URL';
}

/** One line (what went wrong; how to fix it) for a known start-up mistake, or undefined. */
export function explainStartUpError(error: unknown, hints: StartUpHints = {}): string | undefined {
  if (error instanceof ConfigError) return error.message;
  const e = firstAttempt(fields(error));
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const where = `${String(e.address ?? hints.host ?? '')}:${String(e.port ?? hints.port ?? '')}`;
  if (e.syscall === 'listen' || (code === 'EADDRINUSE' && e.port !== undefined)) {
    if (code === 'EADDRINUSE')
      return `port ${String(e.port ?? hints.port)} (${where}) is already in use by another program; stop it, or start Gazette on another port, e.g. PORT=3001 npm start`;
    if (code === 'EACCES')
      return `this user may not listen on ${where} (ports below 1024 need privileges); choose PORT=3000 or higher and put a proxy such as nginx in front`;
    if (code === 'EADDRNOTAVAIL')
      return `this machine has no address ${String(e.address ?? hints.host)}; set HOST to one of its addresses, e.g. HOST=127.0.0.1`;
  }
  // PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
  if (code === '3D000') {
    const name = /database "(.+)" does not exist/.exec(message)?.[1] ?? '';
    return `the PostgreSQL database "${name}" does not exist; create it (createdb ${name}, or CREATE DATABASE "${name}";) or fix the name in DATABASE_URL`;
  }
  if (code === '28P01' || code === '28000')
    return `PostgreSQL refused the sign-in (${message}); fix the user name or password in DATABASE_URL, or the server's pg_hba.conf`;
  if (code === 'ECONNREFUSED') {
    const port = String(e.port ?? '');
    const setting = whichUrl(String(e.address ?? ''), port, hints);
    return `nothing answers at ${where} (connection refused); start that server, or fix the host and port in ${setting}`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `the host name "${String(e.hostname ?? '')}" cannot be found; fix the host in DATABASE_URL (or REDIS_URL)`;
  if (code === 'ETIMEDOUT')
    return `no answer from ${where} (timed out); check that the server runs and a firewall lets this machine in, or fix DATABASE_URL`;
  if (code.startsWith('SQLITE_BUSY'))
    return `the SQLite database is busy: another process has it to itself (an import into it keeps it until it ends); start again once that has finished`;
  if (code === 'SQLITE_CANTOPEN')
    return `the SQLite database cannot be opened (${message}); check that DATABASE_URL names a file in a folder this user may write`;
  return undefined;
}

/** The configured host, port and Redis, so an explanation names the setting to fix; nothing when the config itself is bad. */
function configuredHints(): StartUpHints {
  try {
    const { host, port, redisUrl } = loadConfig();
    return { host, port, ...(redisUrl ? { redisUrl } : {}) };
  } catch {
    return {};
  }
}

/** The one line printed for any error that stops a command or the server: explained when known, else its first line. */
export function describeStartUpError(error: unknown, hints: StartUpHints = configuredHints()): string {
  const known = explainStartUpError(error, hints);
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] || 'failed for an unknown reason';
}
