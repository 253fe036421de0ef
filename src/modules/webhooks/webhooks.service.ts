import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { JobQueue } from '../jobs/index.js';
import type { Database } from '../../storage/schema.js';
import { readOncePerBatch } from '../../storage/batch-reads.js';
import {
  checkWebhookUrl,
  DELIVERY_ATTEMPTS,
  DELIVERY_TIMEOUT_MS,
  newWebhookSecret,
  RESPONSE_EXCERPT,
  signDelivery,
  TEST_EVENT,
  webhookEvents,
  webhookHeaders,
  type Delivery,
  type DeliveryEvent,
  type Webhook,
  type WebhookEvent,
} from './webhooks.js';
import * as q from './webhooks.queries.js';

/** The job that sends one delivery. */
export const DELIVER_JOB = 'webhook.deliver';

/** Webhooks: registered by administrators, announced on events, delivered by the job queue. */
export interface WebhooksService {
  register(input: { url: string; events: readonly string[] }): Promise<Webhook>;
  list(): Promise<Webhook[]>;
  /** One webhook (not removed); NotFound when there is none. */
  get(id: number): Promise<Webhook>;
  remove(id: number): Promise<void>;
  /** Pauses (true) or resumes a webhook: paused, no new deliveries are queued for it. */
  setDisabled(id: number, disabled: boolean): Promise<void>;
  /** Queues a `webhook.test` delivery to this webhook (paused or not); returns the delivery's id. */
  sendTest(id: number): Promise<number>;
  /** The latest deliveries of one webhook, newest first. */
  recentDeliveries(webhookId: number, limit?: number): Promise<Delivery[]>;
  /**
   * Queues `event` for every active webhook that wants it, once per `key` (a second announcement of
   * the same change adds nothing). With `within`, inside the caller's transaction, so the
   * deliveries commit exactly when the change that caused them does. Returns how many were queued.
   */
  announce(event: WebhookEvent, key: string, data: Record<string, unknown>, within?: Transaction<Database>): Promise<number>;
  /** Whether any active webhook wants one of these events (so announcers skip their lookups when none does). */
  wants(events: readonly WebhookEvent[], within?: Transaction<Database>): Promise<boolean>;
}

/** What the service needs. */
export interface WebhooksDeps {
  db: Kysely<Database>;
  clock: Clock;
  jobs: Pick<JobQueue, 'enqueue' | 'handle' | 'nextRunAt'>;
  logger: Pick<Logger, 'warn'>;
  /** Sends the HTTP request (default: the global fetch); tests keep the default and run a real receiver. */
  fetch?: typeof fetch;
}

function toWebhook(r: Awaited<ReturnType<typeof q.listWebhooks>>[number]): Webhook {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as WebhookEvent[],
    secret: r.secret,
    createdAt: new Date(r.created_at),
    disabledAt: r.disabled_at ? new Date(r.disabled_at) : null,
  };
}

/** A delivery's row and its job, committed together (the outbox): a queued delivery always has its job. */
/** The unique key of a delivery's job: the job queue knows its next attempt by it. */
const deliveryJobKey = (deliveryId: number) => `webhook-delivery:${deliveryId}`;

async function queueDelivery(
  trx: Transaction<Database>,
  jobs: Pick<JobQueue, 'enqueue'>,
  row: { webhook_id: number; event: DeliveryEvent; dedupe_key: string; payload: string; created_at: string },
): Promise<number | undefined> {
  const id = await q.insertDelivery(trx, { ...row, status: 'pending' });
  if (id === undefined) return undefined;
  await jobs.enqueue(DELIVER_JOB, { deliveryId: id }, { maxAttempts: DELIVERY_ATTEMPTS, uniqueKey: deliveryJobKey(id) }, trx);
  return id;
}

/** Reads at most `limit` characters of an answer's body, so a huge or endless answer costs little. */
async function excerptOf(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, limit);
}

/** The webhooks service; registers its delivery job with the queue. */
export function createWebhooksService(deps: WebhooksDeps): WebhooksService {
  const { db, clock, jobs, logger } = deps;
  const send = deps.fetch ?? fetch;

  jobs.handle<{ deliveryId: number }>(DELIVER_JOB, async ({ deliveryId }, { attempt }) => {
    const d = await q.findDelivery(db, deliveryId);
    // Delivered already (a repeat after a crash), or the webhook was removed: nothing more to send.
    if (!d || d.status === 'delivered' || d.removed_at !== null) return;
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    let status: number | null = null;
    let body = '';
    try {
      const response = await send(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gazette-Webhooks/1',
          [webhookHeaders.event]: d.event,
          [webhookHeaders.delivery]: String(d.id),
          [webhookHeaders.timestamp]: timestamp,
          [webhookHeaders.signature]: signDelivery(d.secret, timestamp, d.payload),
        },
        body: d.payload,
      });
      status = response.status;
      body = await excerptOf(response, RESPONSE_EXCERPT);
    } catch (error) {
      body = `No answer: ${error instanceof Error ? error.message : String(error)}`.slice(0, RESPONSE_EXCERPT);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const now = clock.now().toISOString();
    await q.recordAttempt(db, d.id, {
      status: ok ? 'delivered' : attempt >= DELIVERY_ATTEMPTS ? 'failed' : 'pending',
      response_status: status,
      response_body: body,
      attempted_at: now,
      delivered_at: ok ? now : null,
    });
    // Throwing hands the retry to the job queue's backoff.
    if (!ok) {
      logger.warn({ deliveryId: d.id, status }, 'webhook delivery failed');
      throw new Error(`The receiver answered ${status ?? 'nothing'}.`);
    }
  });

  return {
    async register(input) {
      const checked = checkWebhookUrl(input.url);
      if ('problem' in checked) throw new Invalid(checked.problem, 'url');
      const events = webhookEvents.filter((e) => input.events.includes(e));
      if (events.length === 0) throw new Invalid('Choose at least one event to send.', 'events');
      const row = { url: checked.url, events: JSON.stringify(events), secret: newWebhookSecret(), created_at: clock.now().toISOString() };
      const id = await q.insertWebhook(db, row);
      return toWebhook({ ...row, id, removed_at: null, disabled_at: null });
    },

    async list() {
      return (await q.listWebhooks(db)).map(toWebhook);
    },

    async get(id) {
      const row = await q.findWebhook(db, id);
      if (!row) throw new NotFound('There is no such webhook.');
      return toWebhook(row);
    },

    async remove(id) {
      if (!(await q.removeWebhook(db, id, clock.now().toISOString()))) throw new NotFound('There is no such webhook.');
    },

    async setDisabled(id, disabled) {
      if (!(await q.setWebhookDisabled(db, id, disabled ? clock.now().toISOString() : null)))
        throw new NotFound('There is no such webhook.');
    },

    async sendTest(id) {
      const now = clock.now().toISOString();
      const payload = JSON.stringify({ event: TEST_EVENT, occurredAt: now, data: { webhook: { id } } });
      return db.transaction().execute(async (trx) => {
        if (!(await q.findWebhook(trx, id))) throw new NotFound('There is no such webhook.');
        // Each test is its own delivery: the key only has to differ from every other one.
        const key = `${TEST_EVENT}:${now}:${randomUUID()}`;
        return (await queueDelivery(trx, jobs, { webhook_id: id, event: TEST_EVENT, dedupe_key: key, payload, created_at: now }))!;
      });
    },

    async recentDeliveries(webhookId, limit = 20) {
      const rows = await q.recentDeliveries(db, webhookId, limit);
      // The job queue holds when each pending delivery is tried next (its backoff included).
      const nextRuns = await jobs.nextRunAt(rows.filter((r) => r.status === 'pending').map((r) => deliveryJobKey(r.id)));
      return rows.map((r) => ({
        id: r.id,
        webhookId: r.webhook_id,
        event: r.event as DeliveryEvent,
        status: r.status,
        attempts: r.attempts,
        responseStatus: r.response_status,
        responseBody: r.response_body,
        createdAt: new Date(r.created_at),
        attemptedAt: r.attempted_at ? new Date(r.attempted_at) : null,
        deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
        nextAttemptAt: r.status === 'pending' ? (nextRuns.get(deliveryJobKey(r.id)) ?? null) : null,
      }));
    },

    async wants(events, within) {
      // A reply batch's posts ask once between them (batch-reads.ts).
      const active = within
        ? await readOncePerBatch(within, 'webhooks:active', () => q.listActiveWebhooks(within))
        : await q.listActiveWebhooks(db);
      return active.some((h) => (JSON.parse(h.events) as string[]).some((e) => events.includes(e as WebhookEvent)));
    },

    async announce(event, key, data, within) {
      const now = clock.now().toISOString();
      const payload = JSON.stringify({ event, occurredAt: now, data });
      const queueAll = async (trx: Transaction<Database>) => {
        let queued = 0;
        for (const hook of await q.listActiveWebhooks(trx)) {
          if (!(JSON.parse(hook.events) as string[]).includes(event)) continue;
          if ((await queueDelivery(trx, jobs, { webhook_id: hook.id, event, dedupe_key: key, payload, created_at: now })) !== undefined)
            queued++;
        }
        return queued;
      };
      return within ? queueAll(within) : db.transaction().execute(queueAll);
    },
  };
}
