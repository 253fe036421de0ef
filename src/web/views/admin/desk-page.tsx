import { EMPTY_SPAM_DAYS, type DeskListItem, type DeskReply } from '../../../modules/moderation/index.js';
import { adminUrls } from '../../admin-urls.js';
import { urls } from '../../urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';
import { adminDate } from './audit-list.js';

const decidedAs = { approved: 'published it', held: 'held it', spam: 'marked it as spam' } as const;

/** The machine's verdict on a reply, for moderators only (its author is never shown it). */
export function DecisionLine(props: { reply: DeskReply }) {
  const d = props.reply.decision;
  if (!d) return null;
  return (
    <p class="desk-decision muted">
      Gazette {decidedAs[d.status]}
      {d.reason ? `: ${d.reason}` : ''}
      {d.score !== null && <> (spam score {d.score.toFixed(2)})</>}
    </p>
  );
}

/** The desk's tabs, held first: the queue is the job. */
export const deskTabs = [
  { status: 'held', label: 'Held' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
] as const;

/** What the desk page shows. */
export interface DeskPageModel {
  chrome: AdminChrome;
  status: string;
  search: string;
  senderKey: string;
  /** The embedding site the list is filtered by ('' for every page). */
  site: string;
  /** The other sites whose pages embed threads (issue 15). */
  sites: string[];
  counts: Record<string, number>;
  items: DeskListItem[];
  notice?: string;
  /** Where the bulk form returns to (this very list). */
  returnTo: string;
  /** Links to the neighbouring pages of the list, when there are some. */
  paging?: { newer?: string; older?: string };
  /** Why the spam filter is not working, when it is not (every reply is then held). */
  filterProblem?: string;
}

function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "2 approved · 1 spam": a sender's record at a glance. */
export function senderRecord(counts: Record<string, number>): string {
  const parts = (['approved', 'held', 'spam', 'trash'] as const).filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  return parts.join(' · ') || 'first reply';
}

/** A reply's status as a small coloured label. */
export function StatusBadge(props: { status: string }) {
  return <span class={`badge badge-${props.status}`}>{props.status}</span>;
}

function RowActions(props: { reply: DeskReply }) {
  const r = props.reply;
  const button = (action: string, label: string) => (
    <button
      type="submit"
      name="one"
      value={`${action}:${r.id}`}
      class={`button button-small action-${action}`}
      aria-label={`${label} reply ${r.id} by ${r.authorName}`}
    >
      {label}
    </button>
  );
  return (
    <div class="row-actions">
      {/* On a spam reply, approving is the moderator saying "not spam": the filter learns it. */}
      {r.status !== 'approved' && button('approve', r.status === 'spam' ? 'Not spam' : 'Approve')}
      {r.status !== 'spam' && button('spam', 'Spam')}
      {r.status !== 'trash' && button('trash', 'Trash')}
      <a class="button button-small" href={adminUrls.reply(r.id)}>
        Open
      </a>
    </div>
  );
}

/** The spam queue's clean-up: delete for good the spam older than a number of days. */
function EmptySpamForm(props: { csrfToken: string }) {
  return (
    <form method="post" action={adminUrls.emptySpam()} class="empty-spam-form">
      <CsrfField token={props.csrfToken} />
      <label for="empty-spam-days">Delete spam older than</label>
      <input
        id="empty-spam-days"
        name="days"
        type="number"
        inputMode="numeric"
        min={EMPTY_SPAM_DAYS.min}
        max={EMPTY_SPAM_DAYS.max}
        value="30"
        required
        aria-describedby="empty-spam-hint"
      />
      <span>days</span>
      <button type="submit" class="button">
        Empty spam
      </button>
      <p class="hint" id="empty-spam-hint">
        Deleted for good; what the spam filter learnt from them stays learnt.
      </p>
    </form>
  );
}

/**
 * The moderation desk: held replies first with counts per status, a search, one form for bulk
 * actions (check replies, pick an action, give a reason the authors will see) and quick buttons
 * on each row.
 */
export function DeskPage(m: DeskPageModel) {
  const filtered = Boolean(m.search || m.senderKey || m.site);
  return (
    <AdminLayout chrome={m.chrome} title="Replies" section="replies">
      <PageHeader title="Replies" lead="Held replies first. Check several to act on them at once." />
      <Notice message={m.notice} />
      {m.filterProblem && (
        <Notice
          kind="error"
          message={`The spam filter is not working (${m.filterProblem}). Every new reply is held for a moderator until it works again.`}
        />
      )}
      <nav class="tabs" aria-label="Replies by status">
        <ul>
          {deskTabs.map((t) => (
            <li>
              <a
                href={adminUrls.replies({ status: t.status, q: m.search, site: m.site })}
                aria-current={m.status === t.status ? 'page' : undefined}
              >
                {t.label} <span class="count">{m.counts[t.status] ?? 0}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={adminUrls.replies()} class="search-form" role="search">
        <input type="hidden" name="status" value={m.status} />
        {m.senderKey && <input type="hidden" name="sender" value={m.senderKey} />}
        <label for="desk-search">Search replies</label>
        <input
          id="desk-search"
          type="search"
          name="q"
          value={m.search}
          placeholder="Words, a name, a whole email address…"
          data-shortcut="/"
        />
        {m.sites.length > 0 && (
          <>
            <label for="desk-site">Site</label>
            <select id="desk-site" name="site">
              <option value="" selected={m.site === ''}>
                All pages
              </option>
              {m.sites.map((origin) => (
                <option value={origin} selected={m.site === origin}>
                  {origin}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="submit" class="button">
          Search
        </button>
        {filtered && <a href={adminUrls.replies({ status: m.status })}>Clear</a>}
      </form>
      {m.senderKey && <p class="filter-note">Showing one sender's replies.</p>}
      {m.status === 'spam' && !filtered && <EmptySpamForm csrfToken={m.chrome.csrfToken} />}
      {m.items.length === 0 ? (
        <div class="empty-state">
          <p class="empty-title">
            {filtered ? 'No replies match.' : m.status === 'held' ? 'The queue is empty.' : `No ${m.status} replies.`}
          </p>
          <p>
            {m.status === 'held' && !filtered
              ? 'Every reply has been seen to. New held replies appear here first.'
              : 'Try another tab or search.'}
          </p>
        </div>
      ) : (
        <form method="post" action={adminUrls.bulkReplies()} class="desk-form" id="desk-form">
          <CsrfField token={m.chrome.csrfToken} />
          <input type="hidden" name="return" value={m.returnTo} />
          <div class="bulk-bar">
            {/* Only useful with admin.js, which shows it. */}
            <label class="check-all" hidden>
              <input type="checkbox" data-check-all="ids" /> Select all
            </label>
            <label for="bulk-action" class="visually-hidden">
              Action for the selected replies
            </label>
            <select id="bulk-action" name="action">
              <option value="approve">{m.status === 'spam' ? 'Not spam (approve)' : 'Approve'}</option>
              <option value="spam">Mark as spam</option>
              <option value="trash">Move to trash</option>
              <option value="hold">Hold</option>
              <option value="delete">Delete for good</option>
            </select>
            <label for="bulk-reason">Reason (the authors see it)</label>
            <input id="bulk-reason" name="reason" type="text" maxLength={500} placeholder="Optional" />
            <button type="submit" class="button button-primary" name="bulk" value="1">
              Apply to selected
            </button>
          </div>
          <ol class="desk-list">
            {m.items.map((r) => (
              <li class={`desk-item status-${r.status}`} id={`reply-${r.id}`}>
                <div class="desk-check">
                  <input
                    type="checkbox"
                    name="ids"
                    value={String(r.id)}
                    id={`pick-${r.id}`}
                    aria-label={`Select reply ${r.id} by ${r.authorName}`}
                  />
                </div>
                <div class="desk-main">
                  <p class="desk-meta">
                    <strong>{r.authorName}</strong>
                    {r.staff && <span class="badge badge-staff">staff</span>} <span class="muted">{r.authorEmail}</span>
                    {r.ip && <span class="muted"> · {r.ip}</span>} <StatusBadge status={r.status} />
                  </p>
                  <p class="desk-text">{excerpt(r.body)}</p>
                  <p class="desk-context muted">
                    {r.page ? (
                      <>
                        On <a href={r.page.url}>{r.article.headline}</a> <span class="muted">({r.page.url})</span>
                      </>
                    ) : (
                      <>
                        On <a href={urls.article(r.article.slug)}>{r.article.headline}</a>
                      </>
                    )}
                    {r.parentId !== null && (
                      <>
                        {' '}
                        · answering reply <a href={adminUrls.reply(r.parentId)}>#{r.parentId}</a>
                      </>
                    )}{' '}
                    · <time dateTime={r.createdAt.toISOString()}>{adminDate(r.createdAt)}</time> · Sender:{' '}
                    <a href={adminUrls.replies({ sender: r.senderKey })}>{senderRecord(r.senderCounts)}</a>
                  </p>
                  {r.reason && <p class="desk-reason">Reason given: {r.reason}</p>}
                  <DecisionLine reply={r} />
                </div>
                <RowActions reply={r} />
              </li>
            ))}
          </ol>
        </form>
      )}
      {(m.paging?.newer || m.paging?.older) && (
        <nav class="pager" aria-label="More replies">
          {m.paging.newer && (
            <a class="button" href={m.paging.newer} rel="prev">
              ← Newer
            </a>
          )}
          {m.paging.older && (
            <a class="button" href={m.paging.older} rel="next">
              Older →
            </a>
          )}
        </nav>
      )}
    </AdminLayout>
  );
}
