import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { DeliveryStatus } from './webhooks.js';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertWebhook(
  db: Executor,
  row: { url: string; events: string; secret: string; created_at: string },
): Promise<number> {
  const { id } = await db.insertInto('webhooks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function listWebhooks(db: Executor) {
  return db.selectFrom('webhooks').selectAll().where('removed_at', 'is', null).orderBy('id').execute();
}

/** The webhooks that take new deliveries: not removed, not paused. */
export function listActiveWebhooks(db: Executor) {
  return db.selectFrom('webhooks').selectAll().where('removed_at', 'is', null).where('disabled_at', 'is', null).orderBy('id').execute();
}

export function findWebhook(db: Executor, id: number) {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
}

/** Pauses (`at`) or resumes (null) a webhook; returns whether there was one to change. */
export async function setWebhookDisabled(db: Executor, id: number, at: string | null): Promise<boolean> {
  const r = await db
    .updateTable('webhooks')
    .set({ disabled_at: at })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function removeWebhook(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('webhooks')
    .set({ removed_at: at })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Adds a delivery unless this webhook already has one with this key; returns its id, or undefined. */
export async function insertDelivery(
  db: Executor,
  row: { webhook_id: number; event: string; dedupe_key: string; payload: string; status: DeliveryStatus; created_at: string },
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['webhook_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export function findDelivery(db: Executor, id: number) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.event',
      'webhook_deliveries.payload',
      'webhook_deliveries.status',
      'webhook_deliveries.attempts',
      'webhooks.url',
      'webhooks.secret',
      'webhooks.removed_at',
    ])
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
}

export async function recordAttempt(
  db: Executor,
  id: number,
  result: {
    status: DeliveryStatus;
    response_status: number | null;
    response_body: string;
    attempted_at: string;
    delivered_at: string | null;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ ...result, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function recentDeliveries(db: Executor, webhookId: number, limit: number) {
  return db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('id', 'desc').limit(limit).execute();
}
