import { expect } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Storage } from '../../src/storage/db.js';

/**
 * Hostile HTTP for property tests (issue 7): random and malformed bodies, headers and encodings,
 * and the check every answer must pass. Arbitraries here are shared by the fast property files
 * (test/web/properties) and their long runs (test/hostile).
 */

/** Strings that have broken parsers before: number-likes, encodings, controls, separators. */
export const nastyStrings = [
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  '-0',
  '00',
  '1e20',
  '1e400',
  '0x1F',
  '1.5',
  'NaN',
  'Infinity',
  '9007199254740993',
  '2147483648',
  '999999999999',
  '99999999999999999999',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '%',
  '%zz',
  '%C0%80',
  '%E2%82',
  '+',
  '&&',
  '==',
  '\r\nSet-Cookie: x=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '/admin//evil.example',
  '//evil.example',
  'javascript:alert(1)',
  'mailto:a@b',
  'a'.repeat(301),
  'é'.normalize('NFD'),
  '\u200B',
  '\u00A0',
  '\uFEFF',
  '𝕏',
  '\u{10FFFF}',
  '__proto__',
  'constructor',
  'on',
  'off',
  'published',
  'scheduled',
  'trash',
  'approve:1',
  'delete:999999999999',
];

/** NUL and lone surrogates: a class of their own (see `withoutKnownCharacterProblems`). */
export const awkwardCharacters = ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDC00\uDC00', '\u202Eevil\u202C'];

/** Field names that have broken objects built from user keys. */
const nastyKeys = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'a[b]', 'a.b', '', ' ', '_csrf'];

/** Bytes that are not UTF-8 and percent sequences that are not valid. */
const brokenPercent = ['%', '%z', '%zz', '%C3', '%C3%28', '%FF%FE', '%E2%82', '%ED%A0%80', '%F4%90%80%80', '%00', '%%', '%2', '%u0041'];

/** A hostile string: a known troublemaker, random code points, or a big block of plain text. */
export function hostileString(options: { big?: boolean } = {}): fc.Arbitrary<string> {
  const parts: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom(...awkwardCharacters) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  ];
  // Plain text only: Markdown emphasis and link runs are known to cost too much (being fixed apart).
  if (options.big) {
    parts.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('a', 'é ', '<b>', '😀'), fc.integer({ min: 2_000, max: 70_000 }))
        .map(([s, n]) => s.repeat(Math.ceil(n / s.length))),
    });
  }
  return fc.oneof(...parts);
}

/** A form value: a plausible one, a hostile one, or several (a duplicated field, i.e. an array). */
export function hostileValue(plausible: fc.Arbitrary<string>, options: { big?: boolean } = {}): fc.Arbitrary<string | string[]> {
  return fc.oneof(
    // Mostly plausible, so that many requests get past the shape checks to the rules and the database.
    { weight: 12, arbitrary: plausible },
    { weight: 6, arbitrary: hostileString(options) },
    { weight: 1, arbitrary: fc.array(fc.oneof(plausible, hostileString()), { minLength: 2, maxLength: 4 }) },
  );
}

/** A form's fields: each known field present or not, plausible or hostile, plus a few stray ones. */
export function hostileFields(
  known: Record<string, fc.Arbitrary<string>>,
  options: { big?: boolean } = {},
): fc.Arbitrary<Record<string, string | string[]>> {
  const record: Record<string, fc.Arbitrary<string | string[]>> = {};
  for (const [name, plausible] of Object.entries(known)) record[name] = hostileValue(plausible, options);
  return fc
    .tuple(
      fc.record(record, { requiredKeys: [] }),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...nastyKeys), fc.string({ maxLength: 8 })), hostileString()), { maxLength: 3 }),
    )
    .map(([fields, extra]) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
      // defineProperty, so a `__proto__` key is an own field as a parser would make it.
      for (const [k, v] of extra)
        if (!(k in out)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

/** A request body as bytes on the wire, with the content type it claims. */
export interface WireBody {
  kind: string;
  payload?: string | Buffer;
  contentType?: string;
}

function urlencoded(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
}

/** `multipart/form-data` with every value as a text part (repeated for arrays). */
export function multipart(
  fields: Record<string, string | string[]>,
  boundary = 'gzHostileBoundary7',
): { payload: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const [name, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${one}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A JSON value where the schema expects strings: numbers at the edges, arrays, objects. */
const jsonOddity = fc.oneof(
  fc.constantFrom<unknown>(1e20, -0, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, true, false, null, [], {}, ['a', 'b'], { a: 1 }, [[]]),
  fc.integer(),
  fc.double(),
  fc.array(fc.string(), { maxLength: 3 }),
);

/**
 * Encodes `fields` the way a client would, well or badly: urlencoded (proper, or with broken
 * percent sequences and raw non-UTF-8 bytes), JSON (an object with odd values, not an object at
 * all, or broken), multipart (proper or without its boundary), or under a wrong content type.
 */
export function wireBody(
  fields: fc.Arbitrary<Record<string, string | string[]>>,
  preferred: 'form' | 'json' | 'multipart',
): fc.Arbitrary<WireBody> {
  const form = fields.chain((f) =>
    fc
      .constantFrom(
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=UTF-8',
        'Application/X-WWW-Form-Urlencoded',
      )
      .map((ct) => ({
        kind: 'urlencoded',
        payload: urlencoded(f),
        contentType: ct,
      })),
  );
  const brokenForm = fc
    .tuple(
      fields,
      fc.array(fc.tuple(fc.constantFrom(...nastyKeys, 'comment', 'email', 'author'), fc.constantFrom(...brokenPercent)), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.uint8Array({ maxLength: 12 }),
    )
    .map(([f, broken, bytes]) => ({
      kind: 'urlencoded-broken',
      payload: Buffer.concat([
        Buffer.from(urlencoded(f) + '&' + broken.map(([k, v]) => `${k}=${v}`).join('&') + '&raw='),
        Buffer.from(bytes),
        Buffer.from([0xff, 0xc0, 0x80]),
      ]),
      contentType: 'application/x-www-form-urlencoded',
    }));
  const json = fc
    .tuple(
      fields,
      fc.oneof(
        fc.constant([]),
        fc.array(
          fc.tuple(
            fc.constantFrom('comment', 'author', 'email', 'url', 'comment_parent', 'remember', '_csrf', 'ids', 'role', 'body'),
            jsonOddity,
          ),
          { maxLength: 2 },
        ),
      ),
    )
    .map(([f, odd]) => {
      const o: Record<string, unknown> = { ...f };
      for (const [k, v] of odd) o[k] = v;
      return { kind: 'json', payload: JSON.stringify(o), contentType: 'application/json' };
    });
  const notAnObject = fc
    .oneof(fc.constantFrom<unknown>([], [1, 2], 'comment', 42, null, true, 1e20), fc.array(fields, { maxLength: 2 }))
    .map((v) => ({
      kind: 'json-not-object',
      payload: JSON.stringify(v),
      contentType: 'application/json',
    }));
  const brokenJson = fc
    .oneof(
      fc.constantFrom(
        '{',
        '{"comment":',
        '[1,',
        'NaN',
        '{"comment_parent": NaN}',
        '{"a":1}{"b":2}',
        '\uFEFF{}',
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"polluted": 1}}}',
        '{"comment": "\\ud800"}',
        '{"comment": "\\u0000"}',
        '',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
    )
    .map((payload) => ({ kind: 'json-broken', payload, contentType: 'application/json; charset=utf-8' }));
  const multi = fields.map((f) => ({ kind: 'multipart', ...multipart(f) }));
  const brokenMulti = fields.chain((f) =>
    fc.constantFrom(
      { kind: 'multipart-no-boundary', payload: multipart(f).payload, contentType: 'multipart/form-data' },
      { kind: 'multipart-wrong-boundary', payload: multipart(f).payload, contentType: 'multipart/form-data; boundary=somethingElse' },
      { kind: 'multipart-truncated', payload: multipart(f).payload.subarray(0, 30), contentType: multipart(f).contentType },
    ),
  );
  const wrongType = fc
    .tuple(
      fields,
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'application/octet-stream',
        'a/b/c;;',
        'application/x-www-form-urlencoded; charset=utf-16',
        'application/json; charset=utf-7',
        'text/html',
      ),
    )
    .map(([f, contentType]) => ({ kind: 'wrong-type', payload: urlencoded(f), contentType }));
  const none = fc.constantFrom<WireBody>(
    { kind: 'empty' },
    { kind: 'empty-form', payload: '', contentType: 'application/x-www-form-urlencoded' },
  );

  const weights = { form: [6, 1, 1], json: [1, 6, 1], multipart: [1, 1, 6] }[preferred];
  return fc.oneof(
    { weight: weights[0]!, arbitrary: form },
    { weight: 2, arbitrary: brokenForm },
    { weight: weights[1]!, arbitrary: json },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: brokenJson },
    { weight: weights[2]!, arbitrary: multi },
    { weight: 1, arbitrary: brokenMulti },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: none },
  );
}

/** A query string of hostile pairs: good values, broken percent sequences, repeated keys. */
export function hostileQuery(keys: string[], plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.constantFrom(...nastyKeys.filter(Boolean)) }),
    fc.oneof(
      plausible.map(encodeURIComponent),
      hostileString().map((s) => {
        try {
          return encodeURIComponent(s);
        } catch {
          // A lone surrogate cannot be encoded: send its UTF-16 unit as broken bytes instead.
          return '%ED%A0%80';
        }
      }),
      fc.constantFrom(...brokenPercent),
    ),
  );
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&') : ''));
}

/** Request headers around the body: what the client accepts, where it says it comes from. */
export const hostileHeaders = fc.record(
  {
    accept: fc.constantFrom('text/html', 'text/html', 'application/json', '*/*', 'text/html;q=0, garbage', ''),
    'sec-fetch-site': fc.constantFrom(
      'same-origin',
      'same-origin',
      'same-origin',
      'same-origin',
      'same-origin',
      'cross-site',
      'none',
      'bogus',
    ),
    origin: fc.constantFrom('http://gazette.test', 'http://gazette.test', 'null', 'http://[::1', 'http://evil.example'),
    'user-agent': fc.oneof(fc.constant('vitest'), hostileString()),
    'accept-language': hostileString(),
  },
  { requiredKeys: ['accept', 'sec-fetch-site', 'user-agent'] },
);

/** Header values Node refuses to send (controls, non-Latin-1): the client could not send them either. */
export function sendableHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && /^[\t\x20-\x7e\x80-\xff]*$/.test(v)) out[k] = v;
  return out;
}

const stackTrace = /\bat (?:async )?[\w.<>$[\] ]*\(?(?:file:\/\/|\/)[^\s)]+:\d+:\d+|node_modules\//;
/** Markers of a visible message on one of Gazette's pages (error page, form errors, newsroom alerts). */
const htmlMessage = [
  /<div class="error-page">[\s\S]*?<h1>[^<]+<\/h1>\s*<p>[^<]+<\/p>/,
  /<p class="field-error"(?![^>]*\bhidden\b)[^>]*>[^<]+<\/p>/,
  /<div class="error-summary"[^>]*>/,
  /<div class="auth-card" role="alert">/,
  // A one-time link that is used or expired: the card says so instead of showing the form.
  /<div class="auth-card"><h1>[^<]+<\/h1><p>[^<]{20,}/,
  /<div class="form-errors"(?![^>]*\bhidden\b)[^>]*>/,
];

/**
 * The property every answer must hold: a success or a redirect, or a 4xx that says what is wrong
 * in words (a page with the message, or the API's `{ error: { code, message, field? } }`); never
 * a 5xx, never a stack trace.
 */
export function expectHumaneAnswer(response: LightMyRequestResponse, context: string): void {
  const where = `${context} → ${response.statusCode} ${response.body.slice(0, 400)}`;
  expect(response.statusCode, where).toBeLessThan(500);
  expect(stackTrace.test(response.body), `stack trace in ${where}`).toBe(false);
  if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304) {
    const location = String(response.headers.location ?? '');
    expect(location, `redirect without a same-site Location: ${where}`).toMatch(/^\/(?![/\\])/);
  }
  if (response.statusCode < 400) return;
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    const body = response.json() as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    expect(typeof body.error?.code, where).toBe('string');
    expect(typeof body.error?.message, where).toBe('string');
    expect((body.error!.message as string).length, where).toBeGreaterThan(10);
    if (body.error!.field !== undefined) expect(typeof body.error!.field, where).toBe('string');
  } else {
    expect(type, where).toMatch(/^text\/html/);
    expect(
      htmlMessage.some((m) => m.test(response.body)),
      `no visible message in ${where}`,
    ).toBe(true);
  }
}

const tables = [
  'settings',
  'authors',
  'sections',
  'articles',
  'tags',
  'article_tags',
  'replies',
  'users',
  'sessions',
  'account_tokens',
  'audit_log',
  'media',
  'article_revisions',
  'jobs',
  'notify_subscriptions',
  'privacy_requests',
  'api_tokens',
  'webhooks',
  'webhook_deliveries',
] as const;

/**
 * Every row of every table a request could write, as one comparable value. `sign_in_failures` is
 * left out: a refused sign-in is recorded there on purpose, for the throttle.
 */
export async function snapshot(storage: Storage): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await storage.db.selectFrom(table).selectAll().execute();
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
    parts.push(`${table}:${lines.length}\n${lines.join('\n')}`);
  }
  return parts.join('\n');
}

/** Sends one hostile request and checks the answer, and that a refusal changed nothing. */
export async function sendAndCheck(
  app: FastifyInstance,
  storage: Storage,
  request: { method: 'GET' | 'POST'; url: string; body?: WireBody; headers?: Record<string, string> },
): Promise<LightMyRequestResponse> {
  const before = request.method === 'GET' ? undefined : await snapshot(storage);
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (request.body?.contentType !== undefined) headers['content-type'] = request.body.contentType;
  const response = await app.inject({
    method: request.method,
    url: request.url,
    headers,
    ...(request.body?.payload !== undefined ? { payload: request.body.payload } : {}),
  });
  const context = `${request.method} ${request.url} [${request.body?.kind ?? 'no body'}] ${JSON.stringify(headers).slice(0, 300)} ${String(request.body?.payload ?? '').slice(0, 300)}`;
  expectHumaneAnswer(response, context);
  if (before !== undefined && response.statusCode >= 400) {
    expect(await snapshot(storage), `a refused request changed the database: ${context} → ${response.statusCode}`).toBe(before);
  }
  return response;
}
