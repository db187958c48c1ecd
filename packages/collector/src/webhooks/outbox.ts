// Puts a profile's changes in the outbox, inside the transaction that records them: one row per endpoint that wants the change.
import type { Profile, Segment, Store } from '../storage/store.js';
import type { Lifecycle } from '../profiles/lifecycle.js';
import { webhookPayload, type WebhookSubject, type WebhookType } from './payload.js';

function queue(store: Store, profile: Profile, type: WebhookType, subject: WebhookSubject, now: number): void {
  for (const endpoint of store.activeWebhookEndpoints(profile.siteId)) {
    if (!endpoint.events.has(type)) continue;
    const payload = webhookPayload(type, endpoint.siteKey, profile, subject, now);
    store.queueWebhook(endpoint.id, profile.id, payload.id, type, JSON.stringify(payload), now);
  }
}

export function queueSegmentChange(store: Store, profile: Profile, segment: Pick<Segment, 'id' | 'name'>, entered: boolean, now: number): void {
  queue(store, profile, entered ? 'segment.entered' : 'segment.exited', { segment: { id: segment.id, name: segment.name } }, now);
}

export function queueGroupChange(store: Store, profile: Profile, from: Lifecycle, to: Lifecycle, now: number): void {
  queue(store, profile, 'group.changed', { group: { from, to } }, now);
}
