// Webhooks as kept: endpoints, what they listen to, and the outbox rows sent to them.
import type { Lifecycle } from './profile.js';

export const webhookTypes = ['segment.entered', 'segment.exited', 'group.changed', 'callback.requested'] as const;
export type WebhookType = (typeof webhookTypes)[number];

export interface WebhookEndpoint {
  id: number;
  siteId: number;
  url: string;
  events: WebhookType[];
  /** The segments whose entries and exits it gets; null for every segment. */
  segments: number[] | null;
  enabled: boolean;
  createdAt: number;
  /** All-time totals of rows finished each way. */
  delivered: number;
  failed: number;
  /** Rounds of attempts in a row without a 2xx, and until when the endpoint is left alone for it. */
  failures: number;
  heldUntil: number | null;
}

/** What an admin sets of an endpoint. */
export type EndpointSettings = Pick<WebhookEndpoint, 'url' | 'events' | 'segments' | 'enabled'>;

/** An enabled endpoint as ingest needs it: what it listens to, and the site key its payloads carry. */
export interface ActiveEndpoint {
  id: number;
  siteKey: string;
  events: ReadonlySet<WebhookType>;
  segments: ReadonlySet<number> | null;
}

export type WebhookState = 'pending' | 'retrying' | 'delivered' | 'failed';

/** A row claimed for sending. */
export interface DueWebhook {
  id: number;
  siteId: number;
  endpointId: number;
  url: string;
  secret: string;
  deliveryId: string;
  body: string;
  createdAt: number;
  attempts: number;
}

/** A row as the stats page lists it. */
export interface WebhookAttempt {
  id: number;
  deliveryId: string;
  type: WebhookType;
  state: WebhookState;
  profileId: number;
  createdAt: number;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAt: number | null;
  nextAt: number | null;
  /** The JSON body as sent. */
  body: string;
}

/** A visitor's request to be called back, as the callback widget sent it: the number to call, their name, the page and where the visit came from. */
export interface CallbackRequest {
  phone: string;
  name: string | null;
  page: string | null;
  source: string;
}

export type WebhookSubject = { segment: { id: number; name: string } } | { group: { from: Lifecycle; to: Lifecycle } } | { callback: CallbackRequest };

export interface WebhookPayload {
  /** Unique per delivery (one change sent to one endpoint); also sent as the Pulse-Delivery-Id header. */
  id: string;
  type: WebhookType;
  site: string;
  occurred_at: string;
  profile: { id: number; user_id: string | null };
  segment?: { id: number; name: string };
  group?: { from: Lifecycle; to: Lifecycle };
  callback?: CallbackRequest;
}

/** A change queued for one endpoint, in the transaction that records the change. */
export interface OutboxRow {
  siteId: number;
  endpointId: number;
  profileId: number;
  deliveryId: string;
  type: WebhookType;
  body: string;
}
