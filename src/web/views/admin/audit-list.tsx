import type { AuditEntry } from '../../../modules/audit/index.js';
import { adminUrls } from '../../admin-urls.js';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A date as the admin shows it (UTC, said so). */
export function adminDate(date: Date): string {
  return `${when.format(date)} UTC`;
}

const actionLabels: Record<string, string> = {
  'reply.approve': 'approved a reply',
  'reply.hold': 'held a reply',
  'reply.spam': 'marked a reply as spam',
  'reply.trash': 'moved a reply to the trash',
  'reply.delete': 'deleted a reply for good',
  'reply.edit': 'edited a reply',
  'reply.answer': 'answered as staff',
  'article.create': 'created an article',
  'article.update': 'saved an article',
  'article.publish': 'published an article',
  'article.schedule': 'scheduled an article',
  'article.unpublish': 'unpublished an article',
  'article.trash': 'moved an article to the trash',
  'article.restore': 'restored an article from the trash',
  'article.restore-revision': 'restored an earlier revision',
  'settings.discussion': 'changed the discussion settings',
  'user.create': 'added a person',
  'user.role': 'changed a role',
  'user.disable': 'disabled a person',
  'user.enable': 'enabled a person',
  'user.remove': 'removed a person',
  'user.sessions-end': "ended a person's sessions",
};

function subjectLink(entry: AuditEntry) {
  if (entry.subject.type === 'reply') return <a href={adminUrls.reply(entry.subject.id)}>reply #{entry.subject.id}</a>;
  if (entry.subject.type === 'article') return <a href={adminUrls.editArticle(entry.subject.id)}>article #{entry.subject.id}</a>;
  if (entry.subject.type === 'settings') return <a href={adminUrls.discussionSettings()}>discussion settings</a>;
  // An erasure or export names no address (only a prefix of its keyed hash, in the details).
  if (entry.subject.type === 'address') return <a href={adminUrls.privacy()}>a commenter's data</a>;
  return <a href={adminUrls.users()}>person #{entry.subject.id}</a>;
}

/** Short text of a before/after value: the changed fields, each cut to a line. */
function summary(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
    })
    .join('; ');
}

/** The audit trail as a table: when, who, what, why, before → after. */
export function AuditTable(props: { entries: AuditEntry[]; showSubject?: boolean }) {
  if (props.entries.length === 0) return <p class="empty-state">Nothing has been recorded yet.</p>;
  return (
    <table class="table audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Why</th>
          <th scope="col">Before → after</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => (
          <tr>
            <td class="nowrap">
              <time dateTime={e.at.toISOString()}>{adminDate(e.at)}</time>
            </td>
            <td>{e.actor.name}</td>
            <td>
              {actionLabels[e.action] ?? e.action}
              {props.showSubject !== false && <> ({subjectLink(e)})</>}
            </td>
            <td>{e.reason || <span class="muted">—</span>}</td>
            <td class="diff-summary">
              <span class="before">{summary(e.before)}</span> → <span class="after">{summary(e.after)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
