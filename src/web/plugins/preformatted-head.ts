import { validateHeaderName, validateHeaderValue, type Server, type ServerResponse } from 'node:http';

/*
 * A cache hit's head as one string made when the page is stored, instead of `writeHead` with a
 * list: `writeHead` checks every name and value against Node's token and character rules on every
 * answer, which with a page's sixteen headers cost about 3 µs of a hit's ~20 (issue 12's profile).
 * Here each header is checked once, with Node's own public checks, and a hit only adds the parts
 * that change: its length, the date and the connection's keep-alive terms.
 *
 * Writing a whole head means setting what `writeHead` sets inside ServerResponse (`_header`,
 * `_headerSent`), which Node does not document. So it is done only where the result is known to be
 * what `writeHead` would have sent — a response nothing has touched, on a connection that stays
 * open under the server's own keep-alive terms — and anything else (HTTP/1.0, `Connection: close`,
 * a connection's last allowed request, a Node whose responses lack those fields) goes through
 * `writeHead`. test/web/page-cache-fast-path.test.ts compares the bytes of both on the wire.
 */

/** The response fields `writeHead` fills (Node's lib/_http_outgoing.js), and those that decide keep-alive. */
interface ResponseInternals {
  _header: string | null;
  _headerSent: boolean;
  shouldKeepAlive: boolean;
  maxRequestsOnConnectionReached?: boolean;
  _defaultKeepAlive?: boolean;
  sendDate: boolean;
}

/** Every header of a page but its length, date and connection terms, checked, as `Name: value\r\n` lines. */
export function headerLines(head: readonly string[]): string {
  let lines = '';
  for (let i = 0; i < head.length; i += 2) {
    const name = head[i]!;
    const value = head[i + 1]!;
    validateHeaderName(name);
    validateHeaderValue(name, value);
    lines += `${name}: ${value}\r\n`;
  }
  return lines;
}

/** The `Date` line, made again only when the second changes (as Node does for its own). */
let dateSecond = -1;
let dateLine = '';
function currentDateLine(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}

/** What Node adds to a kept-alive answer of `server` (lib/_http_outgoing.js, `_storeHeader`), made once per terms. */
const keepAliveTerms = new WeakMap<Server, { timeout: number; max: number | null; lines: string }>();
function keepAliveLines(server: Server): string {
  const timeout = server.keepAliveTimeout;
  const max = server.maxRequestsPerSocket;
  const made = keepAliveTerms.get(server);
  if (made?.timeout === timeout && made.max === max) return made.lines;
  const maxTerm = max && max > 0 ? `, max=${max}` : '';
  const lines = timeout
    ? `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(timeout / 1000)}${maxTerm}\r\n`
    : 'Connection: keep-alive\r\n';
  keepAliveTerms.set(server, { timeout, max, lines });
  return lines;
}

/**
 * Starts a 200 answer on `res` whose headers are `lines` (from `headerLines`) and a body of
 * `length` bytes; the caller writes the body. Falls back to `writeHead(200, head)` where the
 * whole head cannot be known to match what Node would send.
 */
export function startAnswer(res: ServerResponse, server: Server, lines: string, head: readonly string[], length: number): void {
  const internals = res as unknown as ResponseInternals;
  if (
    internals._header === null &&
    internals._headerSent === false &&
    internals.shouldKeepAlive === true &&
    internals.maxRequestsOnConnectionReached === false &&
    internals._defaultKeepAlive === true &&
    internals.sendDate === true
  ) {
    res.statusCode = 200;
    internals._header = `HTTP/1.1 200 OK\r\n${lines}content-length: ${length}\r\n${currentDateLine()}${keepAliveLines(server)}\r\n`;
    return;
  }
  res.writeHead(200, [...head, 'content-length', String(length)]);
}
