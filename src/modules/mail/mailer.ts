import type { Transporter } from 'nodemailer';

/** One message to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text` (sent as multipart/alternative). */
  html?: string;
  /**
   * A fixed Message-ID (`<local@domain>`): a job that is run again after a crash sends the same
   * message, which receivers can recognise as a repeat.
   */
  messageId?: string;
  /** RFC 8058 one-click unsubscribe: an https (or, on a test site, http) address that takes a POST. */
  unsubscribeUrl?: string;
}

/** Sends mail; `configured` is false when the site has no SMTP server, and then `send` refuses. */
export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

/**
 * Header values come from readers (a name in a subject): a line break there would start a header
 * of the reader's choosing. nodemailer encodes headers, and this makes it impossible by
 * construction, whatever the library does: every control character becomes a space.
 */
export function oneHeaderLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').trim();
}

/** How long to wait for a mail server to connect and greet by default (`SMTP_TIMEOUT_SECONDS`). */
const DEFAULT_SMTP_TIMEOUT_MS = 20_000;

/**
 * A hanging mail server must not hold a job's lease: connecting and the greeting get `timeoutMs`,
 * a silent connection mid-message three times that; then the send fails and the job is retried later.
 */
function smtpTimeouts(timeoutMs: number) {
  return { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs * 3 };
}

/**
 * A mailer over real SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.org:587`). Without a
 * URL, nothing is sent and callers say so to the person waiting for the mail.
 */
export function createMailer(options: { smtpUrl?: string; from: string; timeoutMs?: number }): Mailer {
  if (!options.smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new Error('No SMTP server is configured (SMTP_URL).');
      },
    };
  }
  const smtpUrl = options.smtpUrl;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  // nodemailer (about forty files) loads with the first mail, not with every process that might send one.
  let transport: Promise<Transporter> | undefined;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: smtpUrl, ...smtpTimeouts(timeoutMs) }),
    ));
  return {
    configured: true,
    async send(message) {
      await (
        await transporter()
      ).sendMail({
        from: options.from,
        to: oneHeaderLine(message.to),
        subject: oneHeaderLine(message.subject),
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
        ...(message.unsubscribeUrl !== undefined
          ? {
              list: { unsubscribe: message.unsubscribeUrl },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
      });
    },
  };
}
