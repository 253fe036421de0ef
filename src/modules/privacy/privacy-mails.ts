import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from '../mail/index.js';

/** A mail's content; the service adds the recipient and the Message-ID. */
export type MailContent = Pick<MailMessage, 'subject' | 'text' | 'html'>;

/**
 * The verification mail of the privacy page. Pure: the service fills in the facts. It names no
 * reply and no article: whoever reads the mail learns only that the address has data here, which
 * its owner may know.
 */
export function verificationMail(facts: { siteTitle: string; verifyUrl: string; minutes: number }): MailContent {
  const subject = `Your personal data on ${facts.siteTitle}`;
  const text = [
    `Someone (we hope you) asked ${facts.siteTitle} what it keeps about this email address.`,
    '',
    'Open this link to download it or to erase it:',
    facts.verifyUrl,
    '',
    `The link works for ${facts.minutes} minutes, and an erasure can be made with it once.`,
    'If it was not you, ignore this mail: nothing changes without the link.',
  ].join('\n');
  const html =
    '<!doctype html><html><body style="font-family: Georgia, serif; line-height: 1.5; max-width: 40em">' +
    `<p>Someone (we hope you) asked ${escapeHtml(facts.siteTitle)} what it keeps about this email address.</p>` +
    `<p><a href="${escapeHtml(facts.verifyUrl)}">See, download or erase your data</a></p>` +
    `<p>The link works for ${facts.minutes} minutes, and an erasure can be made with it once. ` +
    'If it was not you, ignore this mail: nothing changes without the link.</p></body></html>';
  return { subject, text, html };
}
