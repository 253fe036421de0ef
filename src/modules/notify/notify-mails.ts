import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from '../mail/index.js';

/*
 * The words of every notification mail, each with a text part and an HTML part that say the same.
 * Pure: the service fills in the facts. Reader-supplied text (names, replies, headlines) is escaped
 * in HTML, and a subject is one header line whatever a name contains (the mailer makes sure).
 */

/** A mail's content; the service adds the recipient, the Message-ID and the unsubscribe header. */
export type MailContent = Pick<MailMessage, 'subject' | 'text' | 'html'>;

/** The longest stretch of a reply quoted in a mail; the link leads to the rest. */
const QUOTE_LIMIT = 2000;

function quoted(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT).trimEnd()}…` : text;
}

function htmlPage(body: string): string {
  return `<!doctype html><html><body style="font-family: Georgia, serif; line-height: 1.5; max-width: 40em">${body}</body></html>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The double opt-in mail: nothing else goes to an address until its link is followed. */
export function confirmationMail(facts: { siteTitle: string; headline: string; confirmUrl: string }): MailContent {
  const subject = `Confirm reply notifications from ${facts.siteTitle}`;
  const text = [
    `Someone (we hope you) asked ${facts.siteTitle} to send this address a mail when there are new replies to a comment on:`,
    '',
    `  ${facts.headline}`,
    '',
    'To confirm, open this link and press the button there:',
    facts.confirmUrl,
    '',
    'If it was not you, ignore this mail: without a confirmation nothing more is sent to you.',
    'The link works for 7 days.',
  ].join('\n');
  const html = htmlPage(
    `<p>Someone (we hope you) asked ${escapeHtml(facts.siteTitle)} to send this address a mail when there are new replies to a comment on <strong>${escapeHtml(facts.headline)}</strong>.</p>` +
      `<p><a href="${escapeHtml(facts.confirmUrl)}">Confirm reply notifications</a></p>` +
      '<p>If it was not you, ignore this mail: without a confirmation nothing more is sent to you. The link works for 7 days.</p>',
  );
  return { subject, text, html };
}

/** A new reply someone subscribed to hear of: its author's name, its text and a link to it. */
export function answerMail(facts: {
  siteTitle: string;
  headline: string;
  answererName: string;
  /** True when it answers the subscriber's own reply; false for "every reply on the article". */
  answersYou: boolean;
  body: string;
  replyUrl: string;
  unsubscribeUrl: string;
}): MailContent {
  const what = facts.answersYou ? `${facts.answererName} answered your comment` : `${facts.answererName} replied`;
  const subject = `${what} on “${facts.headline}”`;
  const text = [
    `${what} on “${facts.headline}”:`,
    '',
    ...quoted(facts.body)
      .split('\n')
      .map((line) => `> ${line}`),
    '',
    `Read it and answer: ${facts.replyUrl}`,
    '',
    `You get this mail because you asked ${facts.siteTitle} for it.`,
    `Stop these mails: ${facts.unsubscribeUrl}`,
  ].join('\n');
  const html = htmlPage(
    `<p>${escapeHtml(what)} on “${escapeHtml(facts.headline)}”:</p>` +
      `<blockquote style="border-left: 3px solid #999; margin: 0; padding-left: 1em">${paragraphs(quoted(facts.body))}</blockquote>` +
      `<p><a href="${escapeHtml(facts.replyUrl)}">Read it and answer</a></p>` +
      `<p style="font-size: smaller">You get this mail because you asked ${escapeHtml(facts.siteTitle)} for it. ` +
      `<a href="${escapeHtml(facts.unsubscribeUrl)}">Stop these mails</a>.</p>`,
  );
  return { subject, text, html };
}

/** One held reply, as a moderator's mail lists it. */
export interface HeldReplyLine {
  authorName: string;
  headline: string;
  body: string;
}

/** A mail to a member about one reply waiting for moderation. */
export function heldReplyMail(facts: { siteTitle: string; reply: HeldReplyLine; deskUrl: string; settingsUrl: string }): MailContent {
  const { reply } = facts;
  const subject = `A reply by ${reply.authorName} is waiting for moderation`;
  const text = [
    `A reply by ${reply.authorName} on “${reply.headline}” is waiting for moderation on ${facts.siteTitle}:`,
    '',
    ...quoted(reply.body)
      .split('\n')
      .map((line) => `> ${line}`),
    '',
    `Moderate it: ${facts.deskUrl}`,
    `Choose how you hear of held replies: ${facts.settingsUrl}`,
  ].join('\n');
  const html = htmlPage(
    `<p>A reply by <strong>${escapeHtml(reply.authorName)}</strong> on “${escapeHtml(reply.headline)}” is waiting for moderation on ${escapeHtml(facts.siteTitle)}:</p>` +
      `<blockquote style="border-left: 3px solid #999; margin: 0; padding-left: 1em">${paragraphs(quoted(reply.body))}</blockquote>` +
      `<p><a href="${escapeHtml(facts.deskUrl)}">Moderate it</a></p>` +
      `<p style="font-size: smaller"><a href="${escapeHtml(facts.settingsUrl)}">Choose how you hear of held replies</a></p>`,
  );
  return { subject, text, html };
}

/** The daily digest: the replies held in the last day, and how many wait in all. */
export function heldDigestMail(facts: {
  siteTitle: string;
  day: string;
  replies: readonly HeldReplyLine[];
  waiting: number;
  deskUrl: string;
  settingsUrl: string;
}): MailContent {
  const n = facts.replies.length;
  const subject = `${n} ${n === 1 ? 'reply' : 'replies'} held for moderation on ${facts.siteTitle} (${facts.day})`;
  const line = (r: HeldReplyLine) => `${r.authorName} on “${r.headline}”: ${r.body.replace(/\s+/g, ' ').slice(0, 140)}`;
  const text = [
    `Held for moderation in the day to ${facts.day}:`,
    '',
    ...facts.replies.map((r) => `- ${line(r)}`),
    '',
    `${facts.waiting} ${facts.waiting === 1 ? 'reply is' : 'replies are'} waiting in all. Moderate: ${facts.deskUrl}`,
    `Choose how you hear of held replies: ${facts.settingsUrl}`,
  ].join('\n');
  const html = htmlPage(
    `<p>Held for moderation in the day to ${escapeHtml(facts.day)}:</p><ul>${facts.replies.map((r) => `<li>${escapeHtml(line(r))}</li>`).join('')}</ul>` +
      `<p>${facts.waiting} ${facts.waiting === 1 ? 'reply is' : 'replies are'} waiting in all. <a href="${escapeHtml(facts.deskUrl)}">Moderate</a></p>` +
      `<p style="font-size: smaller"><a href="${escapeHtml(facts.settingsUrl)}">Choose how you hear of held replies</a></p>`,
  );
  return { subject, text, html };
}
