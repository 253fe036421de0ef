import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The events a webhook may ask for. */
export const webhookEvents = ['article.published', 'article.updated', 'reply.held', 'reply.approved'] as const;

/** One of the events a webhook may ask for. */
export type WebhookEvent = (typeof webhookEvents)[number];

/** The event of a test delivery an administrator sends from the newsroom (every webhook takes it). */
export const TEST_EVENT = 'webhook.test';

/** What a delivery can carry: one of the events, or a test. */
export type DeliveryEvent = WebhookEvent | typeof TEST_EVENT;

/** Where one delivery stands: waiting (or between retries), answered with a 2xx, or given up on. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A registered webhook as the newsroom shows it. */
export interface Webhook {
  id: number;
  url: string;
  events: WebhookEvent[];
  /** Shown to administrators so receivers can check signatures. */
  secret: string;
  createdAt: Date;
  /** Paused: no new deliveries are queued. */
  disabledAt: Date | null;
}

/** One delivery, with the receiver's last answer. */
export interface Delivery {
  id: number;
  webhookId: number;
  event: DeliveryEvent;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  responseBody: string;
  createdAt: Date;
  attemptedAt: Date | null;
  deliveredAt: Date | null;
  /** When the next attempt is due, while the delivery is pending. */
  nextAttemptAt: Date | null;
}

/** The headers every delivery carries. */
export const webhookHeaders = {
  event: 'gazette-event',
  delivery: 'gazette-delivery',
  timestamp: 'gazette-timestamp',
  signature: 'gazette-signature',
} as const;

/** A new webhook's signing secret. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/**
 * The signature of a delivery: HMAC-SHA256 over `timestamp + "." + body`, hex, as `sha256=<hex>`.
 * The timestamp is signed with the body so a captured delivery cannot be replayed later under a
 * fresh time; receivers should refuse timestamps more than a few minutes old.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a delivery's signature the way a receiver should (constant time). */
export function verifyDelivery(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signDelivery(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** How much of a receiver's answer is kept to show in the newsroom. */
export const RESPONSE_EXCERPT = 500;

/** How long a receiver has to answer before the attempt counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Attempts before a delivery is given up (the job queue's backoff spaces them: 5 s, 10 s, 20 s, …). */
export const DELIVERY_ATTEMPTS = 6;

/**
 * Checks a URL an administrator registers: http or https, with a host, no credentials in it (they
 * would be shown in the newsroom). Returns the normalised URL or a message saying what to fix.
 */
export function checkWebhookUrl(text: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'Enter a full address starting with https:// (or http://).' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'The address must start with https:// or http://.' };
  if (url.username || url.password) return { problem: 'Leave passwords out of the address; check the signature instead.' };
  if (url.href.length > 2000) return { problem: 'The address is too long (at most 2,000 characters).' };
  return { url: url.href };
}
