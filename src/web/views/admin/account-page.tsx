import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';

/** The member's own account: who they are, and signing out on every device. */
export function AccountPage(props: { chrome: AdminChrome; email: string; role: string; notice?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Your account" section="account">
      <PageHeader title="Your account" />
      <Notice message={props.notice} />
      <dl class="facts">
        <dt>Name</dt>
        <dd>{props.chrome.user?.name}</dd>
        <dt>Email</dt>
        <dd>{props.email}</dd>
        <dt>Role</dt>
        <dd>{props.role}</dd>
      </dl>
      <section class="panel">
        <h2>Notifications</h2>
        <p>
          <a href={adminUrls.notificationSettings()}>Choose how you hear of replies held for moderation</a> (a mail each, a daily digest, or
          none).
        </p>
      </section>
      <section class="panel">
        <h2>API tokens</h2>
        <p>
          <a href={adminUrls.apiTokens()}>Make and revoke API tokens</a> for programs that use the JSON API as you.
        </p>
      </section>
      <section class="panel">
        <h2>Sign out everywhere</h2>
        <p>Ends every session of your account, on every device, this one included. Use it after losing a laptop or phone.</p>
        <form method="post" action={adminUrls.signOutEverywhere()}>
          <CsrfField token={props.chrome.csrfToken} />
          <button type="submit" class="button button-danger">
            Sign out everywhere
          </button>
        </form>
      </section>
    </AdminLayout>
  );
}
