import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { logLevels, type LogLevel } from './lib/logger.js';
import { parseOrigin } from './lib/web-origin.js';

import type { DatabaseTarget } from './storage/database-target.js';

/** Where the data lives (declared by storage, which opens it). */
export type { DatabaseTarget };

/** When the server sheds load (503 with Retry-After) rather than queue more work than it can do; 0 turns a check off. */
export interface OverloadConfig {
  /** Mean event-loop delay over a sample, in ms (`OVERLOAD_MAX_EVENT_LOOP_DELAY_MS`, default 500). */
  readonly maxEventLoopDelayMs: number;
  /** V8 heap in use, in bytes (`OVERLOAD_MAX_HEAP_MB`, default 85% of V8's heap limit). */
  readonly maxHeapUsedBytes: number;
  /** Resident memory, in bytes (`OVERLOAD_MAX_RSS_MB`, default off: SQLite's page cache and image work live there too). */
  readonly maxRssBytes: number;
  /** The `Retry-After` of a shed request, in seconds (`OVERLOAD_RETRY_AFTER_S`, default 5). */
  readonly retryAfterSeconds: number;
}

/** What public pages tell shared caches (a CDN, a caching proxy) in `Cache-Control`; 0 seconds: nothing. */
export interface SharedCacheConfig {
  /** `s-maxage` (`SHARED_CACHE_SECONDS`, default 0: off, pages say `no-cache` as before). */
  readonly maxAgeSeconds: number;
  /** `stale-while-revalidate` (`SHARED_CACHE_STALE_SECONDS`, default 30; only with the above). */
  readonly staleSeconds: number;
}

/** Everything Gazette reads from its environment, validated once at start-up. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseTarget;
  /** Outgoing mail (password resets): an `smtp://` or `smtps://` URL (`SMTP_URL`); unset sends nothing. */
  readonly smtpUrl?: string;
  /** How long to wait for the mail server to connect and greet before a send fails and is retried (`SMTP_TIMEOUT_SECONDS`, default 20). */
  readonly smtpTimeoutMs: number;
  /** The sender of Gazette's mail (`MAIL_FROM`). */
  readonly mailFrom: string;
  /** Where uploaded images are kept (`UPLOADS_DIR`; default: `uploads/` beside the SQLite file, or `./data/uploads`). */
  readonly uploadsDir: string;
  /**
   * A WordPress site's uploads folder copied over on moving in, served read-only at
   * `/wp-content/uploads/…`: `wp-content/uploads` in the data directory (beside the SQLite file, or `./data`).
   */
  readonly wpUploadsDir: string;
  /** The largest image upload accepted, in bytes (`MAX_UPLOAD_MB`, default 8). */
  readonly maxUploadBytes: number;
  /** The public address of the site, used in absolute links (feeds, canonical URLs). */
  readonly siteUrl: string;
  readonly siteTitle: string;
  /**
   * Which X-Forwarded-* entries to believe (`TRUST_PROXY`): false (none), a number of proxy hops in
   * front of Gazette, or the addresses/networks of the proxies. Never "every hop": an entry the
   * client wrote itself must not become its address. Handed to Fastify's `trustProxy` as is.
   */
  readonly trustProxy: TrustProxy;
  /** How much the one logger writes (`LOG_LEVEL`, default `info`). */
  readonly logLevel: LogLevel;
  /**
   * The secret that keys the email fingerprints and signs cookies (`SITE_SECRET`, or the contents of
   * `SITE_SECRET_FILE`); unset: the key file below, made on first start. Every node of a site needs the same.
   */
  readonly siteSecret?: string;
  /** Where the site secret is kept when none is configured: `site-secret.key` in the data directory. */
  readonly siteKeyFile: string;
  /**
   * The key that encrypts commenter emails at rest (`SECRET_KEY`, or the contents of
   * `SECRET_KEY_FILE`); unset: the key file below, made on first start. Every node needs the same.
   */
  readonly secretKey?: string;
  /** Where the email key is kept when none is configured: `secret.key` in the data directory. */
  readonly secretKeyFile: string;
  /** How long a reply's IP address and user agent are kept, in days (`IP_RETENTION_DAYS`, default 30). */
  readonly ipRetentionDays: number;
  /** The spam filter's starting model (`SPAM_MODEL_FILE`); unset: the one shipped in `models/`. */
  readonly spamModelFile?: string;
  /** Redis for cross-node events instead of PostgreSQL LISTEN/NOTIFY (`REDIS_URL`); unset: none. */
  readonly redisUrl?: string;
  /** How often each node looks for due work: scheduled articles, queued jobs (`SCHEDULER_INTERVAL_MS`). */
  readonly schedulerIntervalMs: number;
  /** Load shedding thresholds (issue 7). */
  readonly overload: OverloadConfig;
  /** `Cache-Control` for shared caches in front of Gazette (issue 12). */
  readonly sharedCache: SharedCacheConfig;
  /** Origins whose pages may call /api/v1 from a browser (`API_CORS_ORIGINS`, comma-separated); empty: CORS off. */
  readonly apiCorsOrigins: readonly string[];
  /** Sites whose pages may embed reply threads (`EMBED_ORIGINS`, comma-separated origins), beside the newsroom's list. */
  readonly embedOrigins: readonly string[];
  /** How many distinct pages one embedding site may open threads for (`EMBED_PAGES_PER_SITE`, default 10,000). */
  readonly embedPagesPerSite: number;
}

/** Who may tell Gazette the client's address: nobody, the last N hops, or these proxies. */
export type TrustProxy = false | number | readonly string[];

/** Raised when the environment is wrong; start-up prints the message and stops. */
export class ConfigError extends Error {}

/** A secret shorter than this is guessable enough to turn published fingerprints back into addresses. */
const MIN_SECRET_LENGTH = 32;

/** Reads `NAME` or `NAME_FILE` (one, not both; `SITE_SECRET`, `SECRET_KEY`); undefined when neither is set. */
function parseSiteSecret(env: NodeJS.ProcessEnv, cwd: string, name = 'SITE_SECRET'): string | undefined {
  const inline = env[name]?.trim() || undefined;
  const file = env[`${name}_FILE`]?.trim() || undefined;
  if (inline && file) throw new ConfigError(`Set ${name} or ${name}_FILE, not both`);
  let secret = inline;
  if (file) {
    try {
      secret = readFileSync(resolve(cwd, file), 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`${name}_FILE could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${file}`);
    }
  }
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `${file ? `${name}_FILE` : name} must hold at least ${MIN_SECRET_LENGTH} characters (e.g. from: openssl rand -base64 32)`,
    );
  }
  return secret;
}

const DEFAULT_SQLITE_FILE = './data/gazette.db';

/** Parses `DATABASE_URL`: a `postgres://` URL, or a SQLite file path with an optional `file:` prefix. */
export function parseDatabaseUrl(value: string | undefined, cwd: string): DatabaseTarget {
  const raw = value?.trim() || DEFAULT_SQLITE_FILE;
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${raw}`);
    }
    // `?schema=name` is ours, not libpq's: several sites (or test runs) can share one database.
    const schema = url.searchParams.get('schema');
    if (schema === null) return { dialect: 'postgres', url: raw };
    if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(schema)) {
      throw new ConfigError(`DATABASE_URL's schema must be a plain SQL name (letters, digits, _), not "${schema}"`);
    }
    url.searchParams.delete('schema');
    return { dialect: 'postgres', url: url.toString(), schema };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !raw.startsWith('file:')) {
    throw new ConfigError(`DATABASE_URL must be a SQLite file path or a postgres:// URL, not ${raw}`);
  }
  const path = raw.replace(/^file:(\/\/)?/, '');
  if (path === ':memory:') return { dialect: 'sqlite', file: path };
  // Only the default data directory is made on first start; another folder must exist (a typo is refused).
  return { dialect: 'sqlite', file: resolve(cwd, path), ...(raw === DEFAULT_SQLITE_FILE ? { createFolder: true } : {}) };
}

/** `SQLITE_CACHE_MB`: SQLite's page cache while serving, 1 to 65,536 MB; unset keeps the dialect's default. */
function withSqliteCache(target: DatabaseTarget, value: string | undefined): DatabaseTarget {
  if (value === undefined || value.trim() === '') return target;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 1 || mb > 65_536)
    throw new ConfigError(`SQLITE_CACHE_MB must be a whole number of megabytes from 1 to 65536, not "${value}"`);
  if (target.dialect !== 'sqlite')
    throw new ConfigError('SQLITE_CACHE_MB is for a SQLite database; unset it with a postgres:// DATABASE_URL');
  return { ...target, cacheMb: mb };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

function parseRedisUrl(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (!/^rediss?:\/\//i.test(raw)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, not "${raw}"`);
  return raw;
}

function parseInterval(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 50 || ms > 3_600_000)
    throw new ConfigError(`${name} must be milliseconds from 50 to 3600000, not "${value}"`);
  return ms;
}

const MAX_PROXY_HOPS = 10;
// proxy-addr's (Fastify's) names for whole address ranges.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Parses `TRUST_PROXY`. `true` means exactly one hop (the usual nginx in front): "trust every hop"
 * would let a client write its own X-Forwarded-For and pick its address, which defeats flood
 * control and the sign-in limits. Several proxies: a hop count, or better their addresses.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim() ?? '';
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  const help =
    'TRUST_PROXY must be false, true (one proxy), a number of proxy hops, or a comma-separated list of proxy addresses or networks (e.g. 10.0.0.5,10.1.0.0/16)';
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > MAX_PROXY_HOPS) throw new ConfigError(`${help}; ${raw} hops is more than ${MAX_PROXY_HOPS}`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined)
    throw new ConfigError(`${help}; "${bad}" is not an IP address, a network (address/prefix) or loopback, linklocal, uniquelocal`);
  return Object.freeze(entries);
}

/** Parses `API_CORS_ORIGINS`: comma-separated origins such as https://app.example.org (scheme, host, port; no path). */
export function parseCorsOrigins(value: string | undefined): readonly string[] {
  const raw = value?.trim() ?? '';
  if (raw === '') return Object.freeze([]);
  return Object.freeze(
    raw.split(',').map((entry) => {
      const e = entry.trim();
      let origin: string | undefined;
      try {
        const url = new URL(e);
        if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === e.replace(/\/$/, '')) origin = url.origin;
      } catch {
        origin = undefined;
      }
      if (!origin) throw new ConfigError(`API_CORS_ORIGINS must list origins such as https://app.example.org (no path), not "${e}"`);
      return origin;
    }),
  );
}

function parseLimit(name: string, value: string | undefined, fallback: number, max: number, unit: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new ConfigError(`${name} must be a whole number of ${unit} from 0 (off) to ${max}, not "${value}"`);
  return n;
}

function overloadConfig(env: NodeJS.ProcessEnv): OverloadConfig {
  const mb = 1024 * 1024;
  const heapMb = parseLimit('OVERLOAD_MAX_HEAP_MB', env.OVERLOAD_MAX_HEAP_MB, -1, 1_000_000, 'megabytes');
  return Object.freeze({
    maxEventLoopDelayMs: parseLimit('OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', env.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS, 500, 600_000, 'milliseconds'),
    // Shedding before V8's own limit leaves room to finish the requests already in hand.
    maxHeapUsedBytes: heapMb === -1 ? Math.round(getHeapStatistics().heap_size_limit * 0.85) : heapMb * mb,
    maxRssBytes: parseLimit('OVERLOAD_MAX_RSS_MB', env.OVERLOAD_MAX_RSS_MB, 0, 1_000_000, 'megabytes') * mb,
    retryAfterSeconds: Math.max(1, parseLimit('OVERLOAD_RETRY_AFTER_S', env.OVERLOAD_RETRY_AFTER_S, 5, 3600, 'seconds')),
  });
}

function sharedCacheConfig(env: NodeJS.ProcessEnv): SharedCacheConfig {
  return Object.freeze({
    maxAgeSeconds: parseLimit('SHARED_CACHE_SECONDS', env.SHARED_CACHE_SECONDS, 0, 86_400, 'seconds'),
    staleSeconds: parseLimit('SHARED_CACHE_STALE_SECONDS', env.SHARED_CACHE_STALE_SECONDS, 30, 86_400, 'seconds'),
  });
}

/** `IP_RETENTION_DAYS`: 1 to 3650 days; no "off", since keeping addresses forever is what it exists to prevent. */
function parseRetentionDays(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 30;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new ConfigError(`IP_RETENTION_DAYS must be a whole number of days from 1 to 3650, not "${value}"`);
  return days;
}

function parseSmtpTimeoutSeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 600)
    throw new ConfigError(`SMTP_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 600, not "${value}"`);
  return n;
}

/** Mail, upload and key-file settings (issue 3, issue 8), from the same environment. */
function newsroomConfig(env: NodeJS.ProcessEnv, cwd: string, host: string) {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL, not "${smtpUrl}"`);
  const database = parseDatabaseUrl(env.DATABASE_URL, cwd);
  const dataDir = database.dialect === 'sqlite' && database.file !== ':memory:' ? dirname(database.file) : resolve(cwd, 'data');
  const mb = env.MAX_UPLOAD_MB?.trim() ? Number(env.MAX_UPLOAD_MB) : 8;
  if (!Number.isFinite(mb) || mb <= 0 || mb > 200)
    throw new ConfigError(`MAX_UPLOAD_MB must be a number of megabytes from 1 to 200, not "${env.MAX_UPLOAD_MB}"`);
  return {
    ...(smtpUrl ? { smtpUrl } : {}),
    smtpTimeoutMs: parseSmtpTimeoutSeconds(env.SMTP_TIMEOUT_SECONDS) * 1000,
    mailFrom: env.MAIL_FROM?.trim() || `Gazette <gazette@${host.includes(':') ? 'localhost' : host}>`,
    siteKeyFile: join(dataDir, 'site-secret.key'),
    secretKeyFile: join(dataDir, 'secret.key'),
    ipRetentionDays: parseRetentionDays(env.IP_RETENTION_DAYS),
    uploadsDir: env.UPLOADS_DIR?.trim() ? resolve(cwd, env.UPLOADS_DIR.trim()) : join(dataDir, 'uploads'),
    maxUploadBytes: Math.round(mb * 1024 * 1024),
    wpUploadsDir: join(dataDir, 'wp-content', 'uploads'),
    ...(env.SPAM_MODEL_FILE?.trim() ? { spamModelFile: resolve(cwd, env.SPAM_MODEL_FILE.trim()) } : {}),
  };
}

/** `EMBED_ORIGINS`: origins such as https://blog.example, comma-separated; each must be exactly an origin. */
export function parseEmbedOrigins(value: string | undefined): readonly string[] {
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const origins = entries.map((entry) => {
    const origin = parseOrigin(entry);
    if (!origin)
      throw new ConfigError(
        `EMBED_ORIGINS must be a comma-separated list of origins such as https://blog.example (scheme, host and port only), not "${entry}"`,
      );
    return origin;
  });
  return Object.freeze([...new Set(origins)]);
}

/** Reads and validates the environment. The only place in Gazette that touches `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = parsePort(env.PORT);
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!logLevels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${logLevel}"`);
  }
  const siteSecret = parseSiteSecret(env, cwd);
  const secretKey = parseSiteSecret(env, cwd, 'SECRET_KEY');
  const siteUrl = (env.SITE_URL?.trim() || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  try {
    new URL(siteUrl);
  } catch {
    throw new ConfigError(`SITE_URL must be an absolute URL such as https://news.example.org, not "${siteUrl}"`);
  }
  return Object.freeze({
    host,
    port,
    database: Object.freeze(withSqliteCache(parseDatabaseUrl(env.DATABASE_URL, cwd), env.SQLITE_CACHE_MB)),
    ...newsroomConfig(env, cwd, host),
    siteUrl,
    siteTitle: env.SITE_TITLE?.trim() || 'The Gazette',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel,
    ...(siteSecret ? { siteSecret } : {}),
    ...(secretKey ? { secretKey } : {}),
    ...(parseRedisUrl(env.REDIS_URL) ? { redisUrl: parseRedisUrl(env.REDIS_URL) } : {}),
    schedulerIntervalMs: parseInterval('SCHEDULER_INTERVAL_MS', env.SCHEDULER_INTERVAL_MS, 1000),
    overload: overloadConfig(env),
    sharedCache: sharedCacheConfig(env),
    apiCorsOrigins: parseCorsOrigins(env.API_CORS_ORIGINS),
    embedOrigins: parseEmbedOrigins(env.EMBED_ORIGINS),
    embedPagesPerSite: Math.max(1, parseLimit('EMBED_PAGES_PER_SITE', env.EMBED_PAGES_PER_SITE, 10_000, 10_000_000, 'pages')),
  });
}

/** On a configuration problem, prints what to fix as one line and exits 2; anything else is rethrown. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`gazette: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

/** Reads the environment for a command or a server; on a bad value prints what to fix and exits 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    return exitOnConfigError(error);
  }
}
