import { webhookEvents, type Delivery, type Webhook, type WebhookEvent } from '../../../modules/webhooks/index.js';
import { adminUrls } from '../../admin-urls.js';
import { ChoiceFieldset, TextField } from '../text-field.js';
import { AdminLayout, CsrfField, Notice, type AdminChrome } from './admin-layout.js';
import { ErrorSummary, PageHeader, type FormErrors } from './admin-fields.js';
import { adminDate } from './audit-list.js';

/** What each event means, as the newsroom words it. */
const eventHints: Record<WebhookEvent, string> = {
  'article.published': 'an article goes live (on saving, or when its scheduled time comes)',
  'article.updated': 'a live article is changed',
  'reply.held': 'a reply is held for moderation',
  'reply.approved': 'a reply is approved (or posted by a known author)',
};

/** A checkbox's id: the event's name with its dot made a dash (ids keep to letters, digits, dashes). */
const eventId = (e: WebhookEvent) => `event-${e.replace('.', '-')}`;

/** How many characters of a receiver's answer the list shows (the detail keeps 500). */
const EXCERPT = 120;

function StateBadge(props: { hook: Webhook }) {
  return props.hook.disabledAt ? <span class="badge badge-held">Paused</span> : <span class="badge badge-approved">Active</span>;
}

/** The webhooks: every registered URL with its events, and the form to add one. Administrators only. */
export function WebhooksPage(props: {
  chrome: AdminChrome;
  hooks: Webhook[];
  values: { url: string; events: string[] };
  errors: FormErrors;
  notice?: string | undefined;
}) {
  const { chrome, errors, values } = props;
  return (
    <AdminLayout chrome={chrome} title="Webhooks" section="webhooks">
      <PageHeader
        title="Webhooks"
        lead="Gazette POSTs a signed JSON message to each address below when the events it asks for happen, and tries again (up to 6 times, waiting longer each time) until the receiver answers 2xx."
      />
      <Notice message={props.notice} />
      <section class="panel" aria-labelledby="hooks-heading">
        <h2 id="hooks-heading">Registered webhooks</h2>
        {props.hooks.length === 0 ? (
          <p>No webhooks yet.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Events</th>
                <th scope="col">Since</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {props.hooks.map((h) => (
                <tr>
                  <th scope="row">
                    <a href={adminUrls.webhook(h.id)}>{h.url}</a>
                  </th>
                  <td>{h.events.join(', ')}</td>
                  <td>{adminDate(h.createdAt)}</td>
                  <td>
                    <StateBadge hook={h} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel" aria-labelledby="add-hook">
        <h2 id="add-hook">Add a webhook</h2>
        <ErrorSummary errors={errors} labels={{ url: 'Address', events: 'Events' }} />
        <form method="post" action={adminUrls.webhooks()} novalidate>
          <CsrfField token={chrome.csrfToken} />
          <TextField
            name="url"
            label="Address"
            type="url"
            hint="Where to POST, starting with https:// (or http://). Leave passwords out: receivers check the signature instead."
            value={values.url}
            error={errors.fields.url}
            required
          />
          <ChoiceFieldset name="events" legend="Events" error={errors.fields.events}>
            {webhookEvents.map((e) => (
              <div class="field field-check">
                <input type="checkbox" name="events" id={eventId(e)} value={e} checked={values.events.includes(e)} />
                <label for={eventId(e)}>
                  <code>{e}</code> — when {eventHints[e]}
                </label>
              </div>
            ))}
          </ChoiceFieldset>
          <p class="form-actions">
            <button type="submit" class="button button-primary">
              Add webhook
            </button>
          </p>
        </form>
      </section>
    </AdminLayout>
  );
}

/** The one time a webhook's signing secret is shown: right after it was added. */
export function WebhookCreatedPage(props: { chrome: AdminChrome; hook: Webhook }) {
  const { hook } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Webhook added" section="webhooks">
      <PageHeader title="Webhook added" />
      <Notice message={`Deliveries to ${hook.url} start with the next ${hook.events.join(', ')}.`} />
      <section class="panel secret-once">
        <h2>Copy the signing secret now</h2>
        <p>
          <strong>This is the only time the newsroom shows it.</strong> Give it to the receiver: each delivery carries{' '}
          <code>Gazette-Signature: sha256=HMAC-SHA256(secret, timestamp + "." + body)</code> and <code>Gazette-Timestamp</code> (see the API
          documentation). Lost it? Remove the webhook and add it again.
        </p>
        <div class="field">
          <label for="new-secret">Signing secret</label>
          <input id="new-secret" type="text" readOnly value={hook.secret} class="secret-value" autoComplete="off" spellcheck={false} />
        </div>
        <p>
          <a href={adminUrls.webhook(hook.id)}>See this webhook and its deliveries</a>
        </p>
      </section>
    </AdminLayout>
  );
}

function deliveryBadge(d: Delivery) {
  const cls = d.status === 'delivered' ? 'badge-approved' : d.status === 'failed' ? 'badge-trash' : 'badge-held';
  return <span class={`badge ${cls}`}>{d.status}</span>;
}

/** One webhook: its events, pause or resume, a test delivery, removal, and its latest deliveries with the answers. */
export function WebhookPage(props: { chrome: AdminChrome; hook: Webhook; deliveries: Delivery[]; notice?: string | undefined }) {
  const { chrome, hook } = props;
  const csrf = chrome.csrfToken;
  return (
    <AdminLayout chrome={chrome} title={`Webhook ${hook.url}`} section="webhooks">
      <PageHeader title="Webhook" lead={hook.url} />
      <Notice message={props.notice} />
      <dl class="facts">
        <dt>Address</dt>
        <dd>{hook.url}</dd>
        <dt>Events</dt>
        <dd>{hook.events.join(', ')}</dd>
        <dt>Since</dt>
        <dd>{adminDate(hook.createdAt)}</dd>
        <dt>State</dt>
        <dd>
          <StateBadge hook={hook} />
          {hook.disabledAt && <span class="muted"> since {adminDate(hook.disabledAt)}: no new deliveries are queued</span>}
        </dd>
      </dl>
      <div class="button-row">
        <form method="post" action={adminUrls.webhookAction(hook.id, 'test')} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            Send a test delivery
          </button>
        </form>
        <form method="post" action={adminUrls.webhookAction(hook.id, hook.disabledAt ? 'enable' : 'disable')} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {hook.disabledAt ? 'Resume deliveries' : 'Pause deliveries'}
          </button>
        </form>
        <a href={adminUrls.webhookAction(hook.id, 'remove')} class="button button-danger">
          Remove…
        </a>
      </div>
      <section class="panel" aria-labelledby="deliveries">
        <h2 id="deliveries">Latest deliveries</h2>
        {props.deliveries.length === 0 ? (
          <p>Nothing sent yet.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Answer</th>
                <th scope="col">Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {props.deliveries.map((d) => (
                <tr>
                  <td>{adminDate(d.createdAt)}</td>
                  <td>
                    <code>{d.event}</code>
                  </td>
                  <td>{deliveryBadge(d)}</td>
                  <td>{d.attempts}</td>
                  <td>
                    {d.attempts === 0 ? (
                      <span class="muted">Not tried yet</span>
                    ) : (
                      <>
                        <strong>{d.responseStatus ?? 'No answer'}</strong>{' '}
                        {d.responseBody && <code class="excerpt">{excerpt(d.responseBody)}</code>}
                      </>
                    )}
                  </td>
                  <td>{d.nextAttemptAt ? adminDate(d.nextAttemptAt) : <span class="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href={adminUrls.webhooks()}>Back to the webhooks</a>
        </p>
      </section>
    </AdminLayout>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

/** Asks before a webhook is removed: nothing more is sent to it, queued retries included. */
export function WebhookRemovePage(props: { chrome: AdminChrome; hook: Webhook }) {
  const { hook } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Remove a webhook" section="webhooks">
      <PageHeader title="Remove a webhook" lead={hook.url} />
      <section class="panel">
        <p>
          Nothing more is sent to <strong>{hook.url}</strong>, retries already queued included. To stop it for a while instead, pause it.
        </p>
        <form method="post" action={adminUrls.webhookAction(hook.id, 'remove')} class="button-row">
          <CsrfField token={props.chrome.csrfToken} />
          <button type="submit" class="button button-danger">
            Remove webhook
          </button>
          <a href={adminUrls.webhook(hook.id)} class="button">
            Cancel
          </a>
        </form>
      </section>
    </AdminLayout>
  );
}
