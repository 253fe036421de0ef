export {
  checkWebhookUrl,
  DELIVERY_ATTEMPTS,
  signDelivery,
  TEST_EVENT,
  verifyDelivery,
  webhookEvents,
  webhookHeaders,
  type Delivery,
  type DeliveryEvent,
  type DeliveryStatus,
  type Webhook,
  type WebhookEvent,
} from './webhooks.js';
export { createWebhooksService, DELIVER_JOB, type WebhooksService } from './webhooks.service.js';
export { createWebhookAnnouncer, type AnnouncerDeps, type WebhookAnnouncer } from './webhook-announcer.js';
