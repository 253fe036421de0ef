import type { Revision } from '../../../modules/articles/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';
import { adminDate } from './audit-list.js';
import { StatusBadge } from './desk-page.js';

/** A piece of a diff: unchanged, added or removed text. */
export interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

/** Every saved version of an article, newest first. */
export function RevisionsPage(props: { chrome: AdminChrome; articleId: number; headline: string; revisions: Revision[]; notice?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Revisions" section="articles">
      <p class="breadcrumb">
        <a href={adminUrls.editArticle(props.articleId)}>← Back to the article</a>
      </p>
      <PageHeader
        title="Revisions"
        lead={`Every saved version of “${props.headline}”. Compare one with the current text, or restore it.`}
      />
      <Notice message={props.notice} />
      {props.revisions.length === 0 ? (
        <p class="empty-state">No revisions yet: one is kept each time the article is saved.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Compare</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr>
                <td class="nowrap">{adminDate(r.createdAt)}</td>
                <td>{r.userName}</td>
                <td>{r.headline}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>
                  {i === 0 ? (
                    <span class="muted">current</span>
                  ) : (
                    <a href={adminUrls.revision(props.articleId, r.id)}>Compare with current</a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

function Diff(props: { parts: DiffPart[]; label: string }) {
  const changed = props.parts.some((p) => p.added || p.removed);
  return (
    <section class="panel">
      <h2>{props.label}</h2>
      {changed ? (
        <div class="diff">
          {props.parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : <span>{p.value}</span>))}
        </div>
      ) : (
        <p class="muted">No change.</p>
      )}
    </section>
  );
}

/** One revision against the current text: removed words struck through, added ones highlighted. */
export function RevisionDiffPage(props: {
  chrome: AdminChrome;
  articleId: number;
  revision: Revision;
  diffs: { headline: DiffPart[]; dek: DiffPart[]; body: DiffPart[] };
  canRestore: boolean;
}) {
  const r = props.revision;
  return (
    <AdminLayout chrome={props.chrome} title="Compare revision" section="articles">
      <p class="breadcrumb">
        <a href={adminUrls.revisions(props.articleId)}>← Revisions</a>
      </p>
      <PageHeader
        title={`Revision of ${adminDate(r.createdAt)}`}
        lead={`Saved by ${r.userName}. Struck-through text is in this revision only; highlighted text was added since.`}
      >
        {props.canRestore && (
          <form method="post" action={adminUrls.restoreRevision(props.articleId, r.id)} class="inline-form">
            <CsrfField token={props.chrome.csrfToken} />
            <button type="submit" class="button button-primary">
              Restore this version
            </button>
          </form>
        )}
      </PageHeader>
      <Diff label="Headline" parts={props.diffs.headline} />
      <Diff label="Dek" parts={props.diffs.dek} />
      <Diff label="Article" parts={props.diffs.body} />
    </AdminLayout>
  );
}
