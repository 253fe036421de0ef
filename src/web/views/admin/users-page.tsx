import { roleDescriptions, roles, type User } from '../../../modules/accounts/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { ErrorSummary, PageHeader, TextField, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';

/** The newsroom's people: who has which role, adding someone, changing a role. */
export function UsersPage(props: {
  chrome: AdminChrome;
  users: User[];
  values: { email: string; name: string; role: string };
  errors: FormErrors;
  notice?: string;
}) {
  return (
    <AdminLayout chrome={props.chrome} title="People" section="users">
      <PageHeader title="People" lead="Everyone who can sign in to the newsroom, and what their role lets them do." />
      <Notice message={props.notice} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Since</th>
            <th scope="col">Role</th>
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
            </tr>
          ))}
        </tbody>
      </table>
      <section class="panel">
        <h2>Add someone</h2>
        <ErrorSummary errors={props.errors} />
        <form method="post" action={adminUrls.users()} novalidate>
          <CsrfField token={props.chrome.csrfToken} />
          <TextField name="name" label="Name" hint="As it appears in bylines." value={props.values.name} errors={props.errors} required />
          <TextField name="email" label="Email address" type="email" value={props.values.email} errors={props.errors} required />
          <TextField name="password" label="First password" type="password" hint="Tell them in person; they can reset it by email." value="" errors={props.errors} required autoComplete="new-password" />
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
