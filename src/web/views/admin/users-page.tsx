import { roleDescriptions, roles, type User } from '../../../modules/accounts/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';

/** One small POST form (with the page's anti-forgery token) holding one button. */
function AccessButton(props: { action: string; csrf: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <button type="submit" class={props.danger ? 'button button-small button-danger' : 'button button-small'}>
        {props.label}
      </button>
    </form>
  );
}

/** What an administrator can do about someone's access: disable or enable, end sessions, remove (once disabled). */
function AccessCell(props: { user: User; csrf: string; isSelf: boolean }) {
  const u = props.user;
  return (
    <td>
      {u.disabledAt ? <span class="badge badge-trash">Disabled</span> : <span class="badge badge-approved">Active</span>}
      {props.isSelf ? (
        <span class="muted"> (you)</span>
      ) : (
        <div class="button-row">
          {u.disabledAt ? (
            <AccessButton action={adminUrls.userAccess(u.id, 'enable')} csrf={props.csrf} label={`Enable ${u.name}`} />
          ) : (
            <AccessButton action={adminUrls.userAccess(u.id, 'disable')} csrf={props.csrf} label={`Disable ${u.name}`} danger />
          )}
          {!u.disabledAt && (
            <AccessButton action={adminUrls.userAccess(u.id, 'end-sessions')} csrf={props.csrf} label={`End ${u.name}’s sessions`} />
          )}
          {/* Removal cannot be undone: offered once someone is disabled, so one stray click never does it. */}
          {u.disabledAt && (
            <AccessButton action={adminUrls.userAccess(u.id, 'remove')} csrf={props.csrf} label={`Remove ${u.name}`} danger />
          )}
        </div>
      )}
    </td>
  );
}

/**
 * The newsroom's people: who has which role, adding someone, changing a role, and their access
 * (disable or enable, end their sessions, remove them; removed members' articles keep the byline).
 */
export function UsersPage(props: {
  chrome: AdminChrome;
  users: User[];
  /** The administrator looking at the page: they are not offered to disable or remove themselves. */
  currentUserId?: number | undefined;
  values: { email: string; name: string; role: string };
  errors: FormErrors;
  notice?: string;
}) {
  return (
    <AdminLayout chrome={props.chrome} title="People" section="users">
      <PageHeader
        title="People"
        lead="Everyone who can sign in to the newsroom, and what their role lets them do. Disabling someone ends their sessions at once; once disabled they can be removed, and their articles keep their byline."
      />
      <Notice message={props.notice} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Since</th>
            <th scope="col">Role</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{adminDate(u.createdAt)}</td>
              <td>
                <form method="post" action={adminUrls.userRole(u.id)} class="inline-form">
                  <CsrfField token={props.chrome.csrfToken} />
                  <label for={`role-${u.id}`} class="visually-hidden">
                    Role of {u.name}
                  </label>
                  <select id={`role-${u.id}`} name="role">
                    {roles.map((r) => (
                      <option value={r} selected={u.role === r}>
                        {r}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="button button-small">
                    Change
                  </button>
                </form>
              </td>
              <AccessCell user={u} csrf={props.chrome.csrfToken} isSelf={u.id === props.currentUserId} />
            </tr>
          ))}
        </tbody>
      </table>
      <section class="panel">
        <h2>Add someone</h2>
        <ErrorSummary errors={props.errors} />
        <form method="post" action={adminUrls.users()} novalidate>
          <CsrfField token={props.chrome.csrfToken} />
          <TextField
            name="name"
            label="Name"
            hint="As it appears in bylines."
            value={props.values.name}
            error={props.errors.fields.name}
            required
          />
          <TextField
            name="email"
            label="Email address"
            type="email"
            value={props.values.email}
            error={props.errors.fields.email}
            required
          />
          <TextField
            name="password"
            label="First password"
            type="password"
            hint="Tell them in person; they can reset it by email."
            value=""
            error={props.errors.fields.password}
            required
            autoComplete="new-password"
          />
          <fieldset class="field">
            <legend>Role</legend>
            {roles.map((r) => (
              <div class="field-radio">
                <input type="radio" name="role" id={`new-role-${r}`} value={r} checked={props.values.role === r} />
                <label for={`new-role-${r}`}>
                  <strong>{r}</strong> — {roleDescriptions[r]}
                </label>
              </div>
            ))}
          </fieldset>
          <p class="form-actions">
            <button type="submit" class="button button-primary">
              Add to the newsroom
            </button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}
