import type { ArticleListLine } from '../../../modules/articles/index.js';
import type { DeskListItem } from '../../../modules/moderation/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';
import { adminDate } from './audit-list.js';
import { StatusBadge } from './desk-page.js';

/** The overview: held replies first (for moderators), then the articles in progress. */
export function DashboardPage(props: {
  chrome: AdminChrome;
  replyCounts?: Record<string, number>;
  held: DeskListItem[];
  articleCounts: Record<string, number>;
  recent: ArticleListLine[];
  mine: boolean;
}) {
  const c = props.replyCounts;
  const a = props.articleCounts;
  return (
    <AdminLayout chrome={props.chrome} title="Overview" section="home">
      <PageHeader title={`Good to see you, ${props.chrome.user?.name ?? ''}`} lead="What needs doing in the newsroom.">
        <a class="button button-primary" href={adminUrls.newArticle()} data-shortcut="n">
          Write an article
        </a>
      </PageHeader>
      <div class="cards">
        {c && (
          <section class="card" aria-labelledby="card-replies">
            <h2 id="card-replies">Replies</h2>
            {(c.held ?? 0) > 0 ? (
              <>
                <p>
                  <a href={adminUrls.replies({ status: 'held' })}>
                    <strong class="big-number">{c.held}</strong> waiting for a moderator
                  </a>
                </p>
                <ul class="mini-list">
                  {props.held.map((r) => (
                    <li>
                      <a href={adminUrls.reply(r.id)}>{r.authorName}</a>: {r.body.length > 90 ? `${r.body.slice(0, 89)}…` : r.body}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Nothing is waiting for a moderator. Well done.</p>
            )}
            <p class="muted">
              {c.approved} approved · {c.spam} spam · {c.trash} in the trash
            </p>
          </section>
        )}
        <section class="card" aria-labelledby="card-articles">
          <h2 id="card-articles">{props.mine ? 'Your articles' : 'Articles'}</h2>
          <p>
            <a href={adminUrls.articles({ status: 'draft' })}>{a.draft ?? 0} drafts</a> ·{' '}
            <a href={adminUrls.articles({ status: 'scheduled' })}>{a.scheduled ?? 0} scheduled</a> ·{' '}
            <a href={adminUrls.articles({ status: 'published' })}>{a.published ?? 0} published</a>
          </p>
          {props.recent.length > 0 ? (
            <ul class="mini-list">
              {props.recent.map((r) => (
                <li>
                  <StatusBadge status={r.status} /> <a href={adminUrls.editArticle(r.id)}>{r.headline}</a>{' '}
                  <span class="muted">· {adminDate(r.updatedAt)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Nothing written yet. Your first article is one click away.</p>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}
