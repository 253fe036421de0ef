import nodemailer from 'nodemailer';

/** One message to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; `configured` is false when the site has no SMTP server, and then `send` refuses. */
export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

/**
 * A mailer over real SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.org:587`). Without a
 * URL, nothing is sent and callers say so to the person waiting for the mail.
 */
export function createMailer(options: { smtpUrl?: string; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new Error('No SMTP server is configured (SMTP_URL).');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
