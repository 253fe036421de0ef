import { minPasswordLength } from '../../../modules/accounts/index.js';
import { adminUrls } from '../../admin-urls.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { TextField } from '../text-field.js';
import { ErrorSummary, type FormErrors } from './admin-fields.js';

const passwordHint = `At least ${minPasswordLength} characters. A few unrelated words make a strong one that is easy to remember.`;

/** The sign-in form. */
export function SignInPage(props: { chrome: AdminChrome; email: string; next: string; errors: FormErrors; notice?: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Sign in" section="none" scripts={false}>
      <div class="auth-card">
        <h1>Sign in to the newsroom</h1>
        <Notice message={props.notice} />
        <ErrorSummary errors={props.errors} />
        <form method="post" action={adminUrls.signIn()} novalidate>
          <CsrfField token={props.chrome.csrfToken} />
          <input type="hidden" name="next" value={props.next} />
          <TextField
            name="email"
            label="Email address"
            type="email"
            value={props.email}
            error={props.errors.fields.email}
            required
            autoComplete="username"
            autoFocus
          />
          <TextField
            name="password"
            label="Password"
            type="password"
            value=""
            error={props.errors.fields.password}
            required
            autoComplete="current-password"
          />
          <p class="form-actions">
            <button type="submit" class="button button-primary">
              Sign in
            </button>
            <a href={adminUrls.forgot()}>Forgot your password?</a>
          </p>
        </form>
      </div>
    </AdminLayout>
  );
}

/** The first administrator's form, opened from the one-time link printed at start-up. */
export function SetupPage(props: {
  chrome: AdminChrome;
  token: string;
  live: boolean;
  values: { email: string; name: string };
  errors: FormErrors;
}) {
  return (
    <AdminLayout chrome={props.chrome} title="Set up" section="none" scripts={false}>
      <div class="auth-card">
        <h1>Welcome to Gazette</h1>
        {!props.live ? (
          <p>
            This setup link has been used or has expired. Restart Gazette to print a new one, or add an account with{' '}
            <code>gazette user add</code>. If an administrator already exists, <a href={adminUrls.signIn()}>sign in</a>.
          </p>
        ) : (
          <>
            <p class="lead">Create the first administrator account. This link works once.</p>
            <ErrorSummary errors={props.errors} />
            <form method="post" action={adminUrls.setup()} novalidate>
              <CsrfField token={props.chrome.csrfToken} />
              <input type="hidden" name="token" value={props.token} />
              <TextField
                name="name"
                label="Your name"
                hint="As it appears in bylines."
                value={props.values.name}
                error={props.errors.fields.name}
                required
                autoComplete="name"
                autoFocus
              />
              <TextField
                name="email"
                label="Email address"
                type="email"
                value={props.values.email}
                error={props.errors.fields.email}
                required
                autoComplete="username"
              />
              <TextField
                name="password"
                label="Password"
                type="password"
                hint={passwordHint}
                value=""
                error={props.errors.fields.password}
                required
                autoComplete="new-password"
              />
              <p class="form-actions">
                <button type="submit" class="button button-primary">
                  Create administrator
                </button>
              </p>
            </form>
          </>
        )}
      </div>
    </AdminLayout>
  );
}

/** Asking for a password reset link by email. */
export function ForgotPage(props: { chrome: AdminChrome; email: string; errors: FormErrors; sent: boolean }) {
  return (
    <AdminLayout chrome={props.chrome} title="Reset your password" section="none" scripts={false}>
      <div class="auth-card">
        <h1>Reset your password</h1>
        {props.sent ? (
          <p role="status">
            If an account uses that address, a link to choose a new password is on its way. It works for one hour.{' '}
            <a href={adminUrls.signIn()}>Back to sign in</a>
          </p>
        ) : (
          <>
            <p class="lead">Enter your account's email address and we'll send you a link.</p>
            <ErrorSummary errors={props.errors} />
            <form method="post" action={adminUrls.forgot()} novalidate>
              <CsrfField token={props.chrome.csrfToken} />
              <TextField
                name="email"
                label="Email address"
                type="email"
                value={props.email}
                error={props.errors.fields.email}
                required
                autoComplete="username"
                autoFocus
              />
              <p class="form-actions">
                <button type="submit" class="button button-primary">
                  Send the link
                </button>
                <a href={adminUrls.signIn()}>Back to sign in</a>
              </p>
            </form>
          </>
        )}
      </div>
    </AdminLayout>
  );
}

/** Choosing a new password from a reset link. */
export function ResetPage(props: { chrome: AdminChrome; token: string; live: boolean; errors: FormErrors }) {
  return (
    <AdminLayout chrome={props.chrome} title="Choose a new password" section="none" scripts={false}>
      <div class="auth-card">
        <h1>Choose a new password</h1>
        {!props.live ? (
          <p>
            This link has been used or has expired. <a href={adminUrls.forgot()}>Ask for a new one.</a>
          </p>
        ) : (
          <>
            <ErrorSummary errors={props.errors} />
            <form method="post" action={adminUrls.reset()} novalidate>
              <CsrfField token={props.chrome.csrfToken} />
              <input type="hidden" name="token" value={props.token} />
              <TextField
                name="password"
                label="New password"
                type="password"
                hint={passwordHint}
                value=""
                error={props.errors.fields.password}
                required
                autoComplete="new-password"
                autoFocus
              />
              <p class="form-actions">
                <button type="submit" class="button button-primary">
                  Save the new password
                </button>
              </p>
            </form>
          </>
        )}
      </div>
    </AdminLayout>
  );
}
