import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it: the envelope, the raw message and its parsed form. */
export interface SunkMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives: Gazette speaks SMTP to it as to
 * a production relay. `stop()` and `start()` again on the same port stand in for a mail server
 * that is down for a while.
 */
export class SmtpSink {
  readonly inbox: SunkMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;
  /** While true, every recipient is refused with a 550, as a relay that will not take the mail. */
  refuseRecipients = false;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, session, callback) => {
        if (!this.refuseRecipients) return callback();
        callback(Object.assign(new Error(`Mailbox unavailable: ${address.address}`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then((parsed) => {
            this.inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The environment that makes a Gazette app send its mail here (start() first: it names the port). */
  appEnv(): Record<string, string> {
    return { SMTP_URL: `smtp://127.0.0.1:${this.port}`, MAIL_FROM: 'Gazette <news@gazette.test>' };
  }

  /** The mails sent to `address`. */
  to(address: string): SunkMail[] {
    return this.inbox.filter((m) => m.to.includes(address));
  }
}
