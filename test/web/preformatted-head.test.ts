import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headerLines, PreformattedHead } from '../../src/web/plugins/preformatted-head.js';
import { rawExchange } from '../support/raw-exchange.js';

/*
 * A head written whole (preformatted-head.ts) must be the head Node's `writeHead` would have
 * written, under every keep-alive term a server can have: two servers, one answering each way,
 * get the same raw requests and must answer the same bytes (but the date).
 */
const head = ['content-type', 'text/html; charset=utf-8', 'x-frame-options', 'SAMEORIGIN', 'etag', '"abc"', 'x-cache', 'hit'];
const body = Buffer.from('<!DOCTYPE html><p>Cached.</p>');

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(way: 'preformatted' | 'writeHead', terms: { keepAliveTimeout?: number; maxRequestsPerSocket?: number }) {
  const prepared = new PreformattedHead(head);
  const server: Server = createServer((_req, res) => {
    if (way === 'preformatted') {
      const bytes = prepared.start(res, server, body.length);
      if (bytes) res.write(bytes);
    } else res.writeHead(200, [...head, 'content-length', String(body.length)]);
    res.end(body);
  });
  if (terms.keepAliveTimeout !== undefined) server.keepAliveTimeout = terms.keepAliveTimeout;
  if (terms.maxRequestsPerSocket !== undefined) server.maxRequestsPerSocket = terms.maxRequestsPerSocket;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** What came back for `requests` on one connection (test/support/raw-exchange.ts), the date blanked. */
async function exchange(port: number, requests: string): Promise<string> {
  return (await rawExchange(port, requests, { firstMs: 1000, quietMs: 200 })).replace(/Date: [^\r]+/g, 'Date: (now)');
}

const get11 = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
const cases: [string, { keepAliveTimeout?: number; maxRequestsPerSocket?: number }, string][] = [
  ['three kept-alive requests', {}, get11 + get11 + get11],
  ['a connection allowed two requests', { maxRequestsPerSocket: 2 }, get11 + get11 + get11],
  ['no keep-alive timeout', { keepAliveTimeout: 0 }, get11 + get11],
  ['a client asking to close', {}, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  ['HTTP/1.0', {}, 'GET / HTTP/1.0\r\nHost: x\r\n\r\n'],
  ['HTTP/1.0 asking to keep alive', {}, 'GET / HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n' + get11],
];

describe('a head written whole', () => {
  it.each(cases)('is what writeHead writes: %s', async (_name, terms, requests) => {
    const [preformatted, written] = await Promise.all([serve('preformatted', terms), serve('writeHead', terms)]);
    const [ours, node] = await Promise.all([exchange(preformatted, requests), exchange(written, requests)]);
    expect(node).toContain('HTTP/1.1 200 OK');
    expect(ours).toBe(node);
  });

  it('refuses a header Node would refuse, when the page is stored', () => {
    expect(() => headerLines(['x-bad', 'line\r\nbreak'])).toThrow();
    expect(() => headerLines(['bad name', 'v'])).toThrow();
  });
});
