import type { Clock } from '../../lib/clock.js';
import type { Executor } from '../../storage/db.js';
import type { CommenterEmails } from '../replies/index.js';
import type { AddressExport } from './privacy.js';
import * as q from './privacy.queries.js';

/** What each part of an export means and how long it is kept (docs/privacy.md says more). */
const exportNotes = [
  'replies: every reply stored with this email address, whatever its status (approved, held, spam, trash).',
  'ipAddress and userAgent: kept for spam and abuse handling only, erased automatically after the retention period (IP_RETENTION_DAYS, 30 days by default); empty once erased.',
  'subscriptions: reply notifications asked for with a reply; ended ones are kept until erased so a confirmed address is not asked again.',
  'Your email address is stored encrypted and is never shown on the site.',
];

/** Everything stored about the address of `emailHash`: every reply with its article, and every subscription. */
export async function exportAddress(
  db: Executor,
  emailHash: string,
  context: { clock: Clock; emails: CommenterEmails; site: string; articleUrl(slug: string): string },
): Promise<AddressExport> {
  const { emails } = context;
  const [replies, subscriptions] = await Promise.all([q.repliesOf(db, emailHash), q.subscriptionsOf(db, emailHash)]);
  const open = (stored: string) => {
    try {
      return emails.open(stored);
    } catch {
      // Sealed with a key this site no longer has: the address cannot be read back, by anyone.
      return '(stored encrypted with a key this site no longer holds)';
    }
  };
  return {
    format: 'gazette-personal-data/1',
    generatedAt: context.clock.now().toISOString(),
    site: context.site,
    notes: exportNotes,
    replies: replies.map((r) => ({
      id: r.id,
      article: { id: r.article_id, slug: r.article_slug, headline: r.article_headline, url: context.articleUrl(r.article_slug) },
      parentId: r.parent_id,
      name: r.author_name,
      email: open(r.author_email),
      website: r.author_url,
      text: r.body,
      status: r.status,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      moderatorNote: r.moderation_reason,
      ipAddress: r.ip,
      userAgent: r.user_agent,
    })),
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      replyId: s.reply_id,
      article: { id: s.article_id, headline: s.article_headline },
      scope: s.scope,
      status: s.status,
      createdAt: s.created_at,
      confirmedAt: s.confirmed_at,
      endedAt: s.ended_at,
    })),
  };
}
