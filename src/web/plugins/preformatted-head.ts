import { validateHeaderName, validateHeaderValue, type Server, type ServerResponse } from 'node:http';

/*
 * A cache hit's head as one string made when the page is stored, instead of `writeHead` with a
 * list: `writeHead` checks every name and value against Node's token and character rules on every
 * answer, which with a page's sixteen headers cost about 3 µs of a hit's ~20 (issue 12's profile).
 * Here each header is checked once, with Node's own public checks, and the head is made again only
 * when what changes in it does: the body's length, the date's second and the server's keep-alive terms.
 *
 * Writing a whole head means setting what `writeHead` sets inside ServerResponse (`_header`), and
 * marking it sent (`_headerSent`) since the hit writes its bytes itself, which Node does not document. So it is done only where the result is known to be
 * what `writeHead` would have sent — a response nothing has touched, on a connection that stays
 * open under the server's own keep-alive terms — and anything else (HTTP/1.0, `Connection: close`,
 * a connection's last allowed request, a Node whose responses lack those fields) goes through
 * `writeHead`. test/web/preformatted-head.test.ts and page-cache-fast-path.test.ts compare the bytes of both on the wire.
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
 * A stored page's head, prepared for its hits: its header lines checked once, and the whole head
 * as text and as bytes, made again only when the second (its `Date`), the body's length or the
 * server's keep-alive terms change. A hit then writes the head as a buffer like the body's parts,
 * so the socket takes one all-buffer write (a string among them is encoded into a copy first, and
 * a head handed to Node is queued apart from the body: both showed in the hit's profile).
 */
export class PreformattedHead {
  private readonly lines: string;
  private made: { second: number; length: number; keepAlive: string; text: string; bytes: Buffer } | undefined;

  constructor(private readonly head: readonly string[]) {
    this.lines = headerLines(head);
  }

  /**
   * Starts a 200 answer on `res` with a body of `length` bytes: answers the head's bytes, which the
   * caller writes before the body, or undefined where the whole head cannot be known to match what
   * Node would send, in which case Node writes it (`writeHead`) with the body's first part.
   */
  start(res: ServerResponse, server: Server, length: number): Buffer | undefined {
    const internals = res as unknown as ResponseInternals;
    if (
      internals._header !== null ||
      internals._headerSent !== false ||
      internals.shouldKeepAlive !== true ||
      internals.maxRequestsOnConnectionReached !== false ||
      internals._defaultKeepAlive !== true ||
      internals.sendDate !== true
    ) {
      res.writeHead(200, [...this.head, 'content-length', String(length)]);
      return undefined;
    }
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const keepAlive = keepAliveLines(server);
    let made = this.made;
    if (made?.second !== second || made.length !== length || made.keepAlive !== keepAlive) {
      const text = `HTTP/1.1 200 OK\r\n${this.lines}content-length: ${length}\r\nDate: ${new Date(now).toUTCString()}\r\n${keepAlive}\r\n`;
      made = { second, length, keepAlive, text, bytes: Buffer.from(text, 'latin1') };
      this.made = made;
    }
    res.statusCode = 200;
    // What writeHead leaves behind, the head marked sent: the caller writes its bytes itself.
    internals._header = made.text;
    internals._headerSent = true;
    return made.bytes;
  }
}
