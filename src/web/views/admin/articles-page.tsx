import type { ArticleListLine } from '../../../modules/articles/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, Notice, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';
import { adminDate } from './audit-list.js';
import { StatusBadge } from './desk-page.js';

const tabs = [
  { status: '', label: 'All' },
  { status: 'draft', label: 'Drafts' },
  { status: 'scheduled', label: 'Scheduled' },
  { status: 'published', label: 'Published' },
  { status: 'trash', label: 'Trash' },
] as const;

/** The newsroom's articles: the member's own, or everyone's for editors; by status. */
export function ArticlesPage(props: {
  chrome: AdminChrome;
  status: string;
  counts: Record<string, number>;
  articles: ArticleListLine[];
  mine: boolean;
  notice?: string;
}) {
  const total = (props.counts.draft ?? 0) + (props.counts.scheduled ?? 0) + (props.counts.published ?? 0);
  return (
    <AdminLayout chrome={props.chrome} title="Articles" section="articles">
      <PageHeader title="Articles" lead={props.mine ? 'Your articles.' : 'Every article in the newsroom.'}>
        <a class="button button-primary" href={adminUrls.newArticle()} data-shortcut="n">
          Write an article
        </a>
      </PageHeader>
      <Notice message={props.notice} />
      <nav class="tabs" aria-label="Articles by status">
        <ul>
          {tabs.map((t) => (
            <li>
              <a href={adminUrls.articles({ status: t.status })} aria-current={props.status === t.status ? 'page' : undefined}>
                {t.label} <span class="count">{t.status ? (props.counts[t.status] ?? 0) : total}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.articles.length === 0 ? (
        <div class="empty-state">
          <p class="empty-title">{props.status === 'trash' ? 'The trash is empty.' : 'No articles here yet.'}</p>
          <p>
            <a href={adminUrls.newArticle()}>Write one now</a> — drafts are saved as you go, and nothing is public until you publish.
          </p>
        </div>
      ) : (
        <table class="table article-table">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Author</th>
              <th scope="col">Section</th>
              <th scope="col">Status</th>
              <th scope="col">Date</th>
            </tr>
          </thead>
          <tbody>
            {props.articles.map((a) => (
              <tr>
                <td>
                  <a class="article-title" href={adminUrls.editArticle(a.id)}>
                    {a.headline}
                  </a>
                </td>
                <td>{a.authorName}</td>
                <td>{a.section}</td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
                <td class="nowrap">
                  {a.status === 'scheduled' && a.publishedAt
                    ? `goes live ${adminDate(a.publishedAt)}`
                    : a.publishedAt && a.status === 'published'
                      ? adminDate(a.publishedAt)
                      : `edited ${adminDate(a.updatedAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
