import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';

/** The held-reply mail choices, as the newsroom words them. */
const choices = [
  { value: 'each', label: 'A mail for each reply held for moderation' },
  { value: 'daily', label: 'One daily digest of the replies held that day (sent after 07:00 UTC)' },
  { value: 'off', label: 'No mail' },
] as const;

/** A member's own choice of how they hear of held replies. */
export function NotificationSettingsPage(props: { chrome: AdminChrome; choice: string; moderates: boolean; notice?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Your notifications" section="account">
      <PageHeader title="Your notifications" />
      <Notice message={props.notice} />
      {props.moderates ? null : <p>Only editors and administrators moderate replies, so this applies once you are one.</p>}
      <form method="post" action={adminUrls.notificationSettings()} class="panel">
        <CsrfField token={props.chrome.csrfToken} />
        <fieldset>
          <legend>When replies are held for moderation, send me</legend>
          {choices.map((c) => (
            <div class="field field-check">
              <input id={`held-${c.value}`} type="radio" name="heldReplies" value={c.value} checked={props.choice === c.value} />
              <label for={`held-${c.value}`}>{c.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          Save
        </button>
      </form>
    </AdminLayout>
  );
}
