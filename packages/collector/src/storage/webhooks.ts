// Webhook endpoints and their outbox: one row per change and endpoint, sent in order per endpoint and person.
import type { ActiveEndpoint, EndpointSettings, WebhookEndpoint, DueWebhook, OutboxRow, WebhookAttempt } from '../model/webhook.js';

export interface WebhookStore {
  /** The site's enabled endpoints, from memory unless they changed. */
  active(siteId: number): Promise<readonly ActiveEndpoint[]>;
  list(siteId: number): Promise<(WebhookEndpoint & { pending: number })[]>;
  find(siteId: number, id: number): Promise<WebhookEndpoint | undefined>;
  /** Adds an endpoint; of its chosen segments, only the site's own are kept. */
  insert(siteId: number, endpoint: EndpointSettings & { secret: string }, now: number): Promise<WebhookEndpoint>;
  /** Changes an endpoint; turning it off holds its unsent rows, turning it on sends each profile's first one now. */
  update(siteId: number, id: number, endpoint: EndpointSettings, now: number): Promise<WebhookEndpoint | undefined>;
  /** Deletes every outbox row about a profile, sent or not, for every endpoint. */
  forgetProfile(siteId: number, profileId: number): void;
  /** Deletes an endpoint with its outbox rows, sent or not. */
  delete(siteId: number, id: number): Promise<boolean>;
  /** Queues changes, each for an endpoint: due now, unless an earlier one of the same profile is still unfinished there. */
  queue(rows: readonly OutboxRow[], now: number): void;
  /** Each endpoint not on hold: up to `limit` of its rows due by `now`, earliest first, each held until `leaseUntil` so that no other pass sends it meanwhile. */
  claim(now: number, leaseUntil: number, limit: number): Promise<DueWebhook[]>;
  /** How a round of attempts to an endpoint went: any 2xx ends its run of failed rounds, else the run grows; returns the run. */
  round(siteId: number, endpointId: number, answered: boolean): Promise<number>;
  /** Leaves the endpoint alone until `until` (its rounds keep failing). */
  hold(siteId: number, endpointId: number, until: number): void;
  /** A 2xx: the row is done and the profile's next row for the endpoint is due now. */
  delivered(siteId: number, id: number, status: number, now: number): void;
  /** Given up for good: done too, so the profile's next row goes ahead. */
  failed(siteId: number, id: number, status: number | null, error: string | null, now: number): void;
  retry(siteId: number, id: number, status: number | null, error: string | null, now: number, nextAt: number): void;
  recentDeliveries(siteId: number, endpointId: number, limit: number): Promise<WebhookAttempt[]>;
  /** Rows whose last attempt failed: still retrying, or failed for good. */
  troubled(siteId: number, endpointId: number, limit: number): Promise<WebhookAttempt[]>;
  /** Deletes up to `limit` finished rows per endpoint that finished before `before`; returns how many. */
  prune(before: number, limit: number): Promise<number>;
}

/** The outbox half of the webhooks group. */
export type OutboxStore = Pick<WebhookStore, 'forgetProfile' | 'queue' | 'claim' | 'delivered' | 'failed' | 'retry' | 'recentDeliveries' | 'troubled' | 'prune'>;

/** The endpoint half of the webhooks group. */
export type EndpointStore = Pick<WebhookStore, 'active' | 'list' | 'find' | 'insert' | 'update' | 'delete' | 'round' | 'hold'>;
