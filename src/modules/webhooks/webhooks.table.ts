import type { Generated } from 'kysely';
import type { DeliveryStatus } from './webhooks.js';

/** A URL an administrator registered, the events it wants (a JSON array) and the secret its deliveries are signed with. */
export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  events: string;
  secret: string;
  created_at: string;
  /** Paused from the newsroom: no new deliveries are queued while set. */
  disabled_at: string | null;
  removed_at: string | null;
}

/** One event for one webhook: what is sent, how often it was tried, and the receiver's last answer. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  /** Unique per webhook: the same change is queued once, however many nodes heard of it. */
  dedupe_key: string;
  payload: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  response_status: number | null;
  response_body: Generated<string>;
  created_at: string;
  attempted_at: string | null;
  delivered_at: string | null;
}
