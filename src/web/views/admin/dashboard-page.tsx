import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';

/** The overview: what needs doing first. */
export function DashboardPage(props: { chrome: AdminChrome; replyCounts?: Record<string, number> }) {
  const c = props.replyCounts;
  return (
    <AdminLayout chrome={props.chrome} title="Overview" section="home">
      <PageHeader title={`Good to see you, ${props.chrome.user?.name ?? ''}`} lead="What needs doing in the newsroom.">
        <a class="button button-primary" href={adminUrls.newArticle()}>
          Write an article
        </a>
      </PageHeader>
      <div class="cards">
        {c && (
          <section class="card">
            <h2>Replies</h2>
            {c.held! > 0 ? (
              <p>
                <a href={adminUrls.replies({ status: 'held' })}>
                  <strong class="big-number">{c.held}</strong> waiting for a moderator
                </a>
              </p>
            ) : (
              <p>Nothing is waiting for a moderator. Well done.</p>
            )}
            <p class="muted">
              {c.approved} approved · {c.spam} spam · {c.trash} in the trash
            </p>
          </section>
        )}
        <section class="card">
          <h2>Articles</h2>
          <p>
            <a href={adminUrls.articles({ status: 'draft' })}>Drafts</a> · <a href={adminUrls.articles({ status: 'scheduled' })}>Scheduled</a> ·{' '}
            <a href={adminUrls.articles({ status: 'published' })}>Published</a>
          </p>
        </section>
      </div>
    </AdminLayout>
  );
}
