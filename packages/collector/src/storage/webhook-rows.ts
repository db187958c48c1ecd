// A webhook endpoint as its row holds it, on either backend, and as the model has it.
import type { WebhookEndpoint, WebhookType } from '../model/webhook.js';

/** The chosen segments' ids come back as the backend's JSON aggregate gives them: text on SQLite, parsed on PostgreSQL. */
export interface EndpointRow<SegmentIds> {
  id: number;
  site_id: number;
  url: string;
  secret: string;
  events: string;
  enabled: number;
  created_at: number;
  delivered: number;
  failed: number;
  failures: number;
  held_until: number | null;
  chosen_segments: number;
  segment_ids: SegmentIds;
}

/** `segments` is null when the endpoint did not choose any: it hears about everyone. */
export const endpointFromRow = (row: EndpointRow<unknown>, segments: number[] | null): WebhookEndpoint => ({
  id: row.id,
  siteId: row.site_id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookType[],
  segments,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  delivered: row.delivered,
  failed: row.failed,
  failures: row.failures,
  heldUntil: row.held_until,
});
