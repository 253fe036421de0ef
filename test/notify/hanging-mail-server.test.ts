import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { demoArticle } from '../../src/modules/articles/index.js';
import type { Container } from '../../src/container.js';
import type { ManualClock } from '../../src/lib/clock.js';
import { createMailer } from '../../src/modules/mail/mailer.js';
import { testDatabases } from '../support/databases.js';
import { postForm } from '../support/http.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp } from '../support/test-app.js';

/** A mail server that takes the connection and never says a word (no greeting): the worst kind to wait on. */
async function startSilentServer(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a mail server that hangs', () => {
  it('makes a send fail after the timeout instead of waiting forever', async () => {
    const silent = await startSilentServer();
    try {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${silent.port}`, from: 'news@gazette.test', timeoutMs: 500 });
      await expect(mailer.send({ to: 'ada@example.org', subject: 'Hello', text: 'Hello.' })).rejects.toThrow(/greeting|timeout/i);
    } finally {
      await silent.close();
    }
  });
});

describe.each(testDatabases)('reply notifications while the mail server hangs or refuses, on $name', (database) => {
  let app: FastifyInstance;
  let container: Container;
  let clock: ManualClock;
  let close: (() => Promise<void>) | undefined;
  let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;
  const sink = new SmtpSink();
  afterEach(async () => {
    await close?.();
    await silent?.close();
    await sink.stop();
    sink.port = 0;
    sink.refuseRecipients = false;
    sink.inbox.length = 0;
  });

  /** Ada posts through the plain form asking for follow-up mail; answers the status (303: taken). */
  async function postAskingForMail(comment: string): Promise<number> {
    clock.advance(60_000);
    const posted = await postForm(app, `/articles/${demoArticle.slug!}/replies`, {
      comment_parent: '0',
      url: '',
      comment,
      author: 'Ada',
      email: 'ada@example.org',
      notify: 'yes',
    });
    return posted.statusCode;
  }

  /** The queued double opt-in mail's job. */
  function confirmation() {
    return container.storage.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .where('name', '=', 'notify.confirm')
      .executeTakeFirstOrThrow();
  }

  /** Three hours of the scheduler's runs. */
  async function runForThreeHours(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      clock.advance(3600_000);
      await container.jobs.runDue(10);
    }
  }

  it('takes the reply at once, keeps its mail through a hanging server, and sends it once when a real one answers', async () => {
    silent = await startSilentServer();
    ({ app, container, clock, close } = await createTestApp(database, undefined, {
      SMTP_URL: `smtp://127.0.0.1:${silent.port}`,
      SMTP_TIMEOUT_SECONDS: '1',
      MAIL_FROM: 'Gazette <news@gazette.test>',
    }));
    // The reader's "thanks" does not wait for the mail server: the confirmation is only queued.
    expect(await postAskingForMail('Will the talks cover the joint drills?')).toBe(303);
    expect(await confirmation()).toMatchObject({ status: 'pending', attempts: 0 });

    // A run against the silent server gives up after the timeout and keeps the mail for later.
    const report = await container.jobs.runDue(10);
    expect(report.failed).toBe(0);
    const tried = await confirmation();
    expect(tried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(tried.last_error).toMatch(/greeting|timeout/i);

    // The mail server comes back (a real one, on the same address): the mail goes out, once.
    const port = silent.port;
    await silent.close();
    silent = undefined;
    sink.port = port;
    await sink.start();
    await runForThreeHours();
    expect(sink.to('ada@example.org')).toHaveLength(1);
    expect(sink.inbox[0]!.parsed.subject).toMatch(/^Confirm reply notifications/);
    expect((await container.jobs.counts()).failed).toBe(0);
  });

  it('keeps the mail when the server refuses it, never slowing or refusing the reply, and sends it once when it takes it', async () => {
    await sink.start();
    sink.refuseRecipients = true;
    ({ app, container, clock, close } = await createTestApp(database, undefined, sink.appEnv()));
    expect(await postAskingForMail('Does the plan say who pays for the harbour wall?')).toBe(303);

    await runForThreeHours();
    const refused = await confirmation();
    expect(refused).toMatchObject({ status: 'pending' });
    expect(refused.attempts).toBeGreaterThanOrEqual(2);
    expect(refused.last_error).toMatch(/550|Mailbox unavailable/);
    expect(sink.inbox).toHaveLength(0);

    sink.refuseRecipients = false;
    await runForThreeHours();
    expect(sink.to('ada@example.org')).toHaveLength(1);
    expect((await confirmation()).status).toBe('done');
  });
});
