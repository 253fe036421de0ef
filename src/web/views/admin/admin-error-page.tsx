import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';

const titles: Record<number, string> = {
  400: 'That request could not be read',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Already done',
  410: 'Gone',
  413: 'Too large',
  422: 'Please check what you sent',
  429: 'Slow down',
};

/** An error inside the newsroom, in the newsroom's frame, with a way back. */
export function AdminErrorPage(props: { chrome: AdminChrome; status: number; message: string }) {
  const title = titles[props.status] ?? 'Something went wrong';
  return (
    <AdminLayout chrome={props.chrome} title={title} section="none" scripts={false}>
      <div class="auth-card" role="alert">
        <p class="muted">Error {props.status}</p>
        <h1>{title}</h1>
        <p>{props.message}</p>
        <p>
          <a href={adminUrls.home()}>Back to the overview</a>
        </p>
      </div>
    </AdminLayout>
  );
}
