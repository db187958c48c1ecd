// The Webhooks section's data: each endpoint of a site with its totals, latest deliveries and latest failures.
import type { Store } from '../storage/store.js';
import type { WebhookAttempt, WebhookEndpoint, WebhookPayload } from '../model/webhook.js';

/** One delivery as listed: its row, and what the change was (a segment's name or the groups) from its body. */
export interface DeliveryRow extends WebhookAttempt {
  about: string;
}

export interface EndpointReport {
  endpoint: WebhookEndpoint & { pending: number };
  delivered: DeliveryRow[];
  troubled: DeliveryRow[];
  /** The names of the segments it chose, or null when it gets every segment's entries and exits. */
  segmentNames: string[] | null;
  /** Until when the endpoint is left alone after rounds of attempts without a 2xx, if it is now. */
  heldUntil: number | null;
}

/** Rows listed per endpoint and kind. */
export const listed = 10;

const aboutOf = (row: WebhookAttempt): DeliveryRow => {
  const payload = JSON.parse(row.body) as WebhookPayload;
  const about = payload.segment ? payload.segment.name
    : payload.group ? `${payload.group.from} → ${payload.group.to}`
    : payload.callback ? `call back ${payload.callback.name ?? 'a visitor'} (${payload.callback.source})`
    : '';
  return { ...row, about };
};

export async function webhooksOf(store: Pick<Store, 'webhooks' | 'segments'>, siteId: number, now: number): Promise<EndpointReport[]> {
  const names = new Map((await store.segments.list(siteId)).map((segment) => [segment.id, segment.name]));
  return await Promise.all((await store.webhooks.list(siteId)).map(async (endpoint) => ({
    endpoint,
    segmentNames: endpoint.segments && endpoint.segments.flatMap((id) => names.get(id) ?? []),
    delivered: (await store.webhooks.recentDeliveries(siteId, endpoint.id, listed)).map(aboutOf),
    troubled: (await store.webhooks.troubled(siteId, endpoint.id, listed)).map(aboutOf),
    heldUntil: endpoint.heldUntil !== null && endpoint.heldUntil > now ? endpoint.heldUntil : null,
  })));
}
