import { IN_PROCESS_ENV } from '../support/test-app.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { ManualClock } from '../../src/lib/clock.js';
import { testDatabases } from '../support/databases.js';
import { captureLogs } from '../support/log-capture.js';

/*
 * Issue 11, item 10: every request wrote two JSON lines (Fastify's "incoming request" and "request
 * completed"). Now one line, written when the answer has gone, with what a reader of the log needs.
 */
describe('the request log', () => {
  it('writes one JSON line per request: method, path, status and time', async () => {
    const storage = await testDatabases[0]!.open();
    const { logger, lines } = captureLogs('info');
    const config = loadConfig({
      ...IN_PROCESS_ENV,
      SITE_URL: 'http://gazette.test',
      UPLOADS_DIR: join(tmpdir(), `gazette-test-uploads-${process.pid}`),
    });
    const container = createContainer(config, { storage, clock: new ManualClock(), logger });
    const app = await buildApp(container);
    try {
      await app.ready();
      const before = lines.length;
      expect((await app.inject({ method: 'GET', url: '/no-such-page' })).statusCode).toBe(404);
      const logged = lines.slice(before).filter((l) => l['reqId'] !== undefined);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 30, msg: 'request completed', method: 'GET', url: '/no-such-page', statusCode: 404 });
      expect(typeof logged[0]!['responseTimeMs']).toBe('number');
      // A link's token is a credential: its value never reaches the log.
      const at = lines.length;
      await app.inject({ method: 'GET', url: '/privacy/verify?token=p1.1.1.secret-part&x=1' });
      const tokenLine = lines.slice(at).find((l) => l['msg'] === 'request completed');
      expect(tokenLine).toMatchObject({ url: '/privacy/verify?token=[redacted]&x=1' });
      expect(JSON.stringify(lines.slice(at))).not.toContain('secret-part');
    } finally {
      await app.close();
      await container.close();
    }
  });
});
