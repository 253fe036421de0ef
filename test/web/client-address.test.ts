import { IN_PROCESS_ENV } from '../support/test-app.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { testDatabases } from '../support/databases.js';

/** What request.ip is for one request, on a server started with `TRUST_PROXY=trustProxy`. */
async function clientAddresses(trustProxy: string, requests: { from: string; forwardedFor?: string }[]): Promise<string[]> {
  const storage = await testDatabases[0]!.open();
  const config = loadConfig({
    ...IN_PROCESS_ENV,
    SITE_URL: 'http://gazette.test',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: trustProxy,
    UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`),
  });
  const container = createContainer(config, { storage, clock: new ManualClock() });
  const app = await buildApp(container, { logger: false });
  // A probe route: request.ip is exactly what flood control and the sign-in limits key on.
  app.get('/__test/ip', async (request) => ({ ip: request.ip }));
  try {
    const seen: string[] = [];
    for (const r of requests) {
      const response = await app.inject({
        method: 'GET',
        url: '/__test/ip',
        remoteAddress: r.from,
        headers: r.forwardedFor ? { 'x-forwarded-for': r.forwardedFor } : {},
      });
      seen.push((response.json() as { ip: string }).ip);
    }
    return seen;
  } finally {
    await app.close();
    await container.close();
  }
}

// A client at 203.0.113.7 writes its own X-Forwarded-For; each proxy appends the address it saw.
const client = '203.0.113.7';

describe('the client address behind proxies', () => {
  it('ignores X-Forwarded-For entirely without TRUST_PROXY', async () => {
    expect(await clientAddresses('false', [{ from: client, forwardedFor: '6.6.6.6' }])).toEqual([client]);
  });

  it('with TRUST_PROXY=true takes the one entry the proxy appended, not what the client wrote', async () => {
    const ips = await clientAddresses('true', [
      { from: '10.0.0.1', forwardedFor: client },
      { from: '10.0.0.1', forwardedFor: `6.6.6.6, ${client}` },
      { from: '10.0.0.1', forwardedFor: `6.6.6.6, 1.2.3.4, 5.6.7.8, ${client}` },
      { from: '10.0.0.1' },
    ]);
    expect(ips).toEqual([client, client, client, '10.0.0.1']);
  });

  it('with a hop count walks back exactly that many proxies', async () => {
    const ips = await clientAddresses('2', [
      { from: '10.0.0.1', forwardedFor: `6.6.6.6, ${client}, 10.0.0.2` },
      { from: '10.0.0.1', forwardedFor: `${client}, 10.0.0.2` },
    ]);
    expect(ips).toEqual([client, client]);
  });

  it('with proxy addresses believes only those peers, and a direct client is itself', async () => {
    const ips = await clientAddresses('10.0.0.0/8, ::1', [
      { from: '10.0.0.1', forwardedFor: `6.6.6.6, ${client}` },
      { from: '10.0.0.1', forwardedFor: `6.6.6.6, ${client}, 10.0.0.2` },
      // Someone reaching Gazette's port directly cannot pick an address.
      { from: '198.51.100.9', forwardedFor: '6.6.6.6' },
      { from: '198.51.100.9', forwardedFor: '10.0.0.1' },
    ]);
    expect(ips).toEqual([client, client, '198.51.100.9', '198.51.100.9']);
  });
});
