// The outbox rows a change of a person makes: one per enabled endpoint that listens to its kind of change (and its segment).
import { webhookPayload } from './payload.js';
import type { ActiveEndpoint, OutboxRow, WebhookSubject, WebhookType } from '../model/webhook.js';
import type { Profile } from '../model/profile.js';

export function outboxRows(endpoints: readonly ActiveEndpoint[], profile: Pick<Profile, 'id' | 'siteId' | 'userId'>, type: WebhookType, subject: WebhookSubject, now: number): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (const endpoint of endpoints) {
    if (!endpoint.events.has(type)) continue;
    if ('segment' in subject && endpoint.segments && !endpoint.segments.has(subject.segment.id)) continue;
    const payload = webhookPayload(type, endpoint.siteKey, profile, subject, now);
    rows.push({ siteId: profile.siteId, endpointId: endpoint.id, profileId: profile.id, deliveryId: payload.id, type, body: JSON.stringify(payload) });
  }
  return rows;
}
