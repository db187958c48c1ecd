// What a webhook says: the three kinds of change, and the JSON body each one is POSTed with.
import { randomUUID } from 'node:crypto';
import type { Lifecycle } from '../profiles/lifecycle.js';

export const webhookTypes = ['segment.entered', 'segment.exited', 'group.changed'] as const;
export type WebhookType = (typeof webhookTypes)[number];

export type WebhookSubject = { segment: { id: number; name: string } } | { group: { from: Lifecycle; to: Lifecycle } };

export interface WebhookPayload {
  /** Unique per delivery (one change sent to one endpoint); also sent as the Pulse-Delivery-Id header. */
  id: string;
  type: WebhookType;
  site: string;
  occurred_at: string;
  profile: { id: number; user_id: string | null };
  segment?: { id: number; name: string };
  group?: { from: Lifecycle; to: Lifecycle };
}

export function webhookPayload(type: WebhookType, site: string, profile: { id: number; userId: string | null }, subject: WebhookSubject, at: number): WebhookPayload {
  return { id: randomUUID(), type, site, occurred_at: new Date(at).toISOString(), profile: { id: profile.id, user_id: profile.userId }, ...subject };
}
