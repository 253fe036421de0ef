import type { ApiTokenInfo, MemberToken, TokenScope } from '../../../modules/api-tokens/index.js';
import { adminUrls } from '../../admin-urls.js';
import { ChoiceFieldset, TextField } from '../text-field.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';

/** How the newsroom words each scope. */
export const scopeLabels: Record<TokenScope, string> = { read: 'Read-only', write: 'Read-write' };

const scopeHints: Record<TokenScope, string> = {
  read: 'reads what you may read in the newsroom (drafts you may edit, the moderation queues if you moderate).',
  write: 'also writes what your role lets you write: articles, publishing, moderation.',
};

const lead =
  'Programs use a token to reach the JSON API (/api/v1) as you. A token never does more than your role allows, and if your role changes, so does what your tokens may do. Revoke a token the moment you no longer need it.';

/** A token's state: live (with when last used) or revoked. */
function StateCell(props: { token: ApiTokenInfo }) {
  const t = props.token;
  return t.revokedAt ? (
    <td>
      <span class="badge badge-trash">Revoked</span> <span class="muted">{adminDate(t.revokedAt)}</span>
    </td>
  ) : (
    <td>
      <span class="badge badge-approved">Live</span>
    </td>
  );
}

/** The rows of a token table; `member` adds whose each token is. */
function TokenRows(props: { tokens: (ApiTokenInfo & { member?: MemberToken['member'] })[] }) {
  return (
    <>
      {props.tokens.map((t) => (
        <tr>
          {t.member && <td>{t.member.name}</td>}
          <th scope="row">{t.name}</th>
          <td>
            <code>{t.prefix}…</code>
          </td>
          <td>{scopeLabels[t.scope]}</td>
          <td>{adminDate(t.createdAt)}</td>
          <td>{t.lastUsedAt ? adminDate(t.lastUsedAt) : <span class="muted">Never</span>}</td>
          <StateCell token={t} />
          <td>
            {!t.revokedAt && (
              <a href={adminUrls.revokeApiToken(t.id)} class="button button-small button-danger">
                Revoke<span class="visually-hidden"> {t.name}</span>…
              </a>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

function TokenTable(props: { caption: string; tokens: (ApiTokenInfo & { member?: MemberToken['member'] })[]; withMember?: boolean }) {
  return (
    <table class="table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.withMember && <th scope="col">Member</th>}
          <th scope="col">Name</th>
          <th scope="col">Starts with</th>
          <th scope="col">Scope</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">State</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <TokenRows tokens={props.tokens} />
      </tbody>
    </table>
  );
}

/**
 * A member's API tokens: their list (live and revoked; never a secret), the form to make one, and,
 * for administrators, every member's live tokens so a leaked one can be revoked at once.
 */
export function ApiTokensPage(props: {
  chrome: AdminChrome;
  tokens: ApiTokenInfo[];
  /** Every member's live tokens; only for those who may oversee them. */
  everyone?: MemberToken[] | undefined;
  values: { name: string; scope: string };
  errors: FormErrors;
  notice?: string | undefined;
}) {
  const { chrome, errors, values } = props;
  return (
    <AdminLayout chrome={chrome} title="API tokens" section="api-tokens">
      <PageHeader title="API tokens" lead={lead} />
      <Notice message={props.notice} />
      <section class="panel" aria-labelledby="your-tokens">
        <h2 id="your-tokens">Your tokens</h2>
        {props.tokens.length === 0 ? <p>You have no API tokens yet.</p> : <TokenTable caption="Your tokens" tokens={props.tokens} />}
      </section>
      <section class="panel" aria-labelledby="new-token">
        <h2 id="new-token">Make a token</h2>
        <ErrorSummary errors={errors} labels={{ name: 'Name', scope: 'Scope' }} />
        <form method="post" action={adminUrls.apiTokens()} novalidate>
          <CsrfField token={chrome.csrfToken} />
          <TextField
            name="name"
            label="Name"
            hint="What will use it, so you recognise it later (for example “newsletter script”). At most 100 characters."
            value={values.name}
            error={errors.fields.name}
            required
          />
          <ChoiceFieldset name="scope" legend="Scope" error={errors.fields.scope}>
            {(['read', 'write'] as const).map((s) => (
              <div class="field-radio">
                <input type="radio" name="scope" id={`scope-${s}`} value={s} checked={values.scope === s} />
                <label for={`scope-${s}`}>
                  <strong>{scopeLabels[s]}</strong> — {scopeHints[s]}
                </label>
              </div>
            ))}
          </ChoiceFieldset>
          <p class="form-actions">
            <button type="submit" class="button button-primary">
              Make token
            </button>
          </p>
        </form>
      </section>
      {props.everyone && (
        <section class="panel" aria-labelledby="everyone-tokens">
          <h2 id="everyone-tokens">Every member’s live tokens</h2>
          <p>As an administrator you may revoke anyone’s token, for instance one that leaked or belongs to someone who left.</p>
          {props.everyone.length === 0 ? (
            <p>No member has a live token.</p>
          ) : (
            <TokenTable caption="Every member’s live tokens" tokens={props.everyone} withMember />
          )}
        </section>
      )}
    </AdminLayout>
  );
}

/** The one time a token's secret is shown: right after it was made. */
export function ApiTokenCreatedPage(props: { chrome: AdminChrome; name: string; scope: TokenScope; secret: string }) {
  return (
    <AdminLayout chrome={props.chrome} title="Token made" section="api-tokens">
      <PageHeader title="Token made" />
      <Notice message={`“${props.name}” (${scopeLabels[props.scope].toLowerCase()}) is ready.`} />
      <section class="panel secret-once">
        <h2>Copy it now</h2>
        <p>
          <strong>This is the only time the token is shown.</strong> Gazette keeps only a hash of it, so nobody can read it again. Select
          it, copy it into your program’s secret settings, and send it as <code>Authorization: Bearer gzt_…</code> (the whole token).
        </p>
        <div class="field">
          <label for="new-secret">Your new token</label>
          <input id="new-secret" type="text" readOnly value={props.secret} class="secret-value" autoComplete="off" spellcheck={false} />
        </div>
        <p>
          Lost it? Revoke it and make another. <a href={adminUrls.apiTokens()}>Back to your API tokens</a>
        </p>
      </section>
    </AdminLayout>
  );
}

/** Asks before a token is revoked: programs using it are refused from then on. */
export function ApiTokenRevokePage(props: { chrome: AdminChrome; token: MemberToken; own: boolean }) {
  const t = props.token;
  return (
    <AdminLayout chrome={props.chrome} title="Revoke a token" section="api-tokens">
      <PageHeader title="Revoke a token" />
      <section class="panel">
        <dl class="facts">
          {!props.own && (
            <>
              <dt>Member</dt>
              <dd>{t.member.name}</dd>
            </>
          )}
          <dt>Name</dt>
          <dd>{t.name}</dd>
          <dt>Starts with</dt>
          <dd>
            <code>{t.prefix}…</code>
          </dd>
          <dt>Scope</dt>
          <dd>{scopeLabels[t.scope]}</dd>
          <dt>Last used</dt>
          <dd>{t.lastUsedAt ? adminDate(t.lastUsedAt) : 'Never'}</dd>
        </dl>
        <p>Every program using this token is refused from the moment you revoke it. This cannot be undone.</p>
        <form method="post" action={adminUrls.revokeApiToken(t.id)} class="button-row">
          <CsrfField token={props.chrome.csrfToken} />
          <button type="submit" class="button button-danger">
            Revoke token
          </button>
          <a href={adminUrls.apiTokens()} class="button">
            Cancel
          </a>
        </form>
      </section>
    </AdminLayout>
  );
}
